#pragma once
#include <string>

namespace fg::auth {

// argon2id via libsodium (crypto_pwhash_str): salt and parameters live in the stored string.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);

// 256-bit random token as hex, and its one-way hash (what the database keeps for sessions).
std::string random_token(size_t bytes = 32);
std::string token_hash(const std::string& token);

}  // namespace fg::auth
