#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets into fuzz/corpus/<target>/.

Seeds are small valid inputs of each shape the readers accept, plus a few that are almost valid,
so that the fuzzer starts from inside each code path instead of discovering the formats byte by
byte. Run it again after changing it; the output is deterministic (fixed zip timestamps).

corpus/xlsx/project_writer_report.xlsx is not made here: it was written by the project's own
XLSX writer (libxlsxwriter, as exports and templates are), with
  build/fenggui --db sqlite:/tmp/r.db report progress --region 410500 --from 2021-01-01 \
    --to 2021-08-31 --format xlsx --out fuzz/corpus/xlsx/project_writer_report.xlsx"""
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- CSV (RFC 4180 as Excel writes it; docs/interchange.md "Files") -----------------------------

LEDGER = ("身份证号,姓名,区划代码,人员类别,创业日期,联系电话,返乡日期\r\n"
          "11010519491231002X,张三,410581107,农民工,2021-03-01,13812345678,2020-12-15\r\n"
          "410523199001011234,\"李四，𠮷\",410526,graduate,2021/8/5,,\r\n")


def csv_seeds():
    write("csv", "utf8.csv", LEDGER)
    write("csv", "utf8_bom.csv", b"\xef\xbb\xbf" + LEDGER.encode())
    # GB18030 (what "CSV (逗号分隔)" is on a Chinese Windows); 𠮷 needs four bytes there.
    write("csv", "gb18030.csv", LEDGER.encode("gb18030"))
    write("csv", "gbk_short.csv", "姓名,区划代码\n王建国,410581116\n".encode("gbk"))
    write("csv", "quoted.csv",
          'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\n3,"three\r\nline",w\r\n4,,\n'
          '"ab"c,d"e, "f"\n')
    write("csv", "lone_cr.csv", 'a,b\r"1\r1",2\r3,4\r')
    write("csv", "blank_lines.csv", "\n\n 身份证号　, 姓名 \n,\n1,张三\n\u3000, \n2,李四")
    write("csv", "unterminated.csv", 'a,b\n1,"open\n2,3\n')
    # Wider than the 256-column limit: blank fields there are dropped, data is an error.
    write("csv", "wide_blank.csv", "a,b,c" + "," * 297 + "\n1,2,3" + "," * 297 + "\n")
    write("csv", "wide_data.csv", "a" + "," * 257 + "z\n")
    write("csv", "long_numbers.csv", "id,amount\n123456789012345678,\"1,500,000.00\"\n")


# --- XLSX (ECMA-376 Part 1 SpreadsheetML in an OPC zip) --------------------------------------------

def xml_sheet(rows):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


SHEET_SHARED = xml_sheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>44439</v></c></row>'
    '<row r="4"><c r="A4" t="str"><f>A2</f><v>公式</v></c><c r="C4" s="2"><v>1500000.5</v></c>'
    '<c r="D4" t="b"><v>1</v></c><c r="E4" t="e"><v>#N/A</v></c></row>')
SHARED = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}" count="5" uniqueCount="5">'
          '<si><t>身份证号</t></si><si><t>姓名</t></si><si><t>创业日期</t></si>'
          '<si><t>11010519491231002X</t></si>'
          '<si><r><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>'
          '</sst>')
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{MAIN}">'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="165" formatCode="[$-804]0.00&quot;元&quot;"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="164"/></cellXfs>'
          '</styleSheet>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<workbookPr date1904="0"/><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG_RELS}">'
                 f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
                 f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>'
                 '</Relationships>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')

SHEET_INLINE_PREFIXED = (
    f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
    '<x:row><x:c t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>'
    '<x:row><x:c><x:v>12</x:v></x:c><x:c t="inlineStr"><x:is><x:t>a_x000D_b_x005F_x0041_</x:t></x:is></x:c></x:row>'
    '<x:row r="9"><x:c r="J9"><x:v>1.5E+17</x:v></x:c></x:row>'
    '</x:sheetData></x:worksheet>')
SHEET_1904 = xml_sheet(
    '<row r="3"><c r="A3" t="inlineStr"><is><t>日期</t></is></c><c r="C3" t="inlineStr"><is><t>金额</t></is></c></row>'
    '<row r="4"><c r="A4" s="1"><v>42977</v></c><c r="B4" s="3"><v>42977.9</v></c><c r="C4" t="d"><v>2021-08-31T00:00:00</v></c></row>')
WORKBOOK_1904 = WORKBOOK.replace('date1904="0"', 'date1904="1"')


def zip_bytes(entries, deflate=True):
    import io
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(2021, 8, 31, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, content)
    return buf.getvalue()


def xlsx_seeds():
    full = [("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/worksheets/sheet1.xml", SHEET_SHARED),
            ("xl/sharedStrings.xml", SHARED), ("xl/styles.xml", STYLES)]
    write("xlsx", "shared_strings_dates.xlsx", zip_bytes(full))
    write("xlsx", "stored.xlsx", zip_bytes(full, deflate=False))
    write("xlsx", "sheet_only_prefixed.xlsx", zip_bytes([("xl/worksheets/sheet1.xml", SHEET_INLINE_PREFIXED)]))
    write("xlsx", "date1904.xlsx", zip_bytes([
        ("xl/workbook.xml", WORKBOOK_1904), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", SHEET_1904), ("xl/styles.xml", STYLES)]))
    write("xlsx", "not_a_worksheet.xlsx", zip_bytes([("xl/worksheets/sheet1.xml", f'<chartsheet xmlns="{MAIN}"/>')]))

    # The same parts for xlsx_parts_fuzz: sheet, shared strings, styles, workbook, rels, NUL-separated.
    def parts(*p):
        return "\0".join(p)
    write("xlsx_parts", "shared_strings_dates", parts(SHEET_SHARED, SHARED, STYLES, WORKBOOK, WORKBOOK_RELS))
    write("xlsx_parts", "inline_prefixed", parts(SHEET_INLINE_PREFIXED))
    write("xlsx_parts", "date1904", parts(SHEET_1904, "", STYLES, WORKBOOK_1904, WORKBOOK_RELS))
    write("xlsx_parts", "far_column", parts(xml_sheet(
        '<row r="8"><c r="A8"><v>1</v></c><c r="IV8" t="inlineStr"><is><t>x</t></is></c>'
        '<c r="XFD8" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>')))
    # The parts of the workbook the project's writer made (see the top of this file).
    report = os.path.join(CORPUS, "xlsx", "project_writer_report.xlsx")
    if os.path.exists(report):
        with zipfile.ZipFile(report) as z:
            names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                     "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
            write("xlsx_parts", "project_writer_report",
                  b"\0".join(z.read(n) for n in names))
    write("xlsx_parts", "rows_without_refs", parts(xml_sheet(
        '<row><c><v>1</v></c><c><v>2</v></c></row><row/><row r="1048576"><c><v>3</v></c></row>')))


# --- JSON request bodies (docs/api.md) ------------------------------------------------------------

def json_seeds():
    bodies = {
        "login": {"username": "admin", "password": "Admin2021x"},
        "entity": {"credit_code": "91350100M000100Y43", "name": "林州市某某种植专业合作社",
                   "entity_type": "cooperative", "region_code": "410581107",
                   "registered_date": "2021-04-01", "jobs": 12,
                   "founder_id_numbers": ["11010519491231002X"]},
        "targets": {"year": 2021, "cells": [{"region_code": "410581", "indicator": "training", "target": 300},
                                             {"region_code": "410582", "indicator": "support", "target": None}]},
        "flags": {"enabled": True, "reason": "", "name": None, "amount": 1.5e3, "big": 18446744073709551615,
                  "neg": -9223372036854775808},
    }
    for name, body in bodies.items():
        write("json_body", name + ".json", json.dumps(body, ensure_ascii=False))
    write("json_body", "escapes.json", '{"name":"\\u5f20\\u4e09\\ud83d\\ude00\\n\\t\\"\\\\","x":[[],{},[[1]]]}')
    write("json_body", "not_object.json", '[1,2,3]')
    write("json_body", "empty.json", "")


# --- ID numbers, credit codes, dates, amounts, cells -------------------------------------------------

def codes_seeds():
    seeds = {
        "id_valid": "11010519491231002X", "id_lower_x": " 11010519491231002x ",
        "id_bad_check": "110105194912310021", "id_bad_date": "110105194902300028",
        "id_fullwidth": "１１０１０５１９４９１２３１００２X", "id_short": "41052319900101",
        "credit_valid": "91350100M000100Y43", "credit_lower": "91350100m000100y43",
        "credit_bad_char": "91350100M000100O43",
        "date_iso": "2021-08-31", "date_slash": "2021/8/5", "date_zh": "2021年8月31日",
        "date_time": "2021/8/31 0:00", "date_leap": "2020-02-29", "date_bad": "2021-02-29",
        "amount_grouped": "1,500,000.00", "amount_wan": "15万元", "amount_yi": "1.5亿",
        "amount_neg": "－5", "yes": "是", "no": "FALSE", "category": "农民工",
        "serial": b"\x97\xad\x00\x00\x00\x00\x00\x00",  # 44439 little-endian: 2021-08-31
    }
    for name, text in seeds.items():
        write("codes", name, text)


if __name__ == "__main__":
    csv_seeds()
    xlsx_seeds()
    json_seeds()
    codes_seeds()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(CORPUS) for f in fs)
    print(f"corpus: {total} bytes in {CORPUS}")
