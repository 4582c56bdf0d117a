#include "auth/passwords.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace fg::auth {
namespace {
void ensure_init() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
std::string hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}
}  // namespace

std::string hash_password(const std::string& password) {
  ensure_init();
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: ~64 MiB and well under a second on a 2-core server.
  if (crypto_pwhash_str_alg(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  ensure_init();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string random_token(size_t bytes) {
  ensure_init();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return hex(buf.data(), buf.size());
}

std::string token_hash(const std::string& token) {
  ensure_init();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  return hex(out, sizeof out);
}

}  // namespace fg::auth
