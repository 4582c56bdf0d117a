#pragma once
// The four fields by which a record names its person and place: the ID number, the name, the
// region (a township or finer) and its county. A record begotten by another (an application's
// loan, a loan's support record) takes them over unchanged.

namespace fg {

template <class To, class From>
void copy_subject(To& to, const From& from) {
  to.id_number = from.id_number;
  to.name = from.name;
  to.region_code = from.region_code;
  to.county_code = from.county_code;
}

}  // namespace fg
