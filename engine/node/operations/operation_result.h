#pragma once
// How an operator action ended, in words every front end shows as they are: the admin API
// maps the status to an HTTP code, the console to its action log. Both read the same
// sentence, so a refusal reads the same wherever the operator asked.
#include <string>
#include <utility>
#include <variant>

namespace seckill::node {

enum class OperationStatus { ok, bad_request, not_found, conflict, unavailable };

template <class T = std::monostate>
struct OperationResult {
    OperationStatus status = OperationStatus::ok;
    std::string sentence;  // why not, or (on ok) what happened in one line
    T value{};             // on ok: what the operation produced

    bool ok() const { return status == OperationStatus::ok; }

    static OperationResult done(T v, std::string sentence = {}) {
        return {OperationStatus::ok, std::move(sentence), std::move(v)};
    }
    static OperationResult refused(OperationStatus s, std::string sentence) {
        return {s, std::move(sentence), T{}};
    }
};

// Every operation says this when the ledger throws: the store is away, not the request wrong.
inline constexpr const char* ledger_unreachable = "the stock ledger cannot be reached";

}  // namespace seckill::node
