#pragma once
// A remote node's admin API as the console calls it: one blocking HTTP/1.1 exchange with
// the admin token, bounded by a timeout, for the few actions the ledger cannot carry
// (faults are injected into one node's process, not written to the shared ledger).
// Blocking: run it on a backend's worker thread.
#include <chrono>
#include <string>

namespace seckill::ui {

struct AdminReply {
    int status = 0;     // 0 when no answer came (refused, timed out): see `error`
    std::string body;   // the node's JSON
    std::string error;  // why there is no answer
    // The node's own sentence ("error" of a JSON error reply), else the body or `error`.
    std::string sentence() const;
};

// `address` is host:port as the node registry records it; `method` GET, POST, PUT or
// DELETE. Never throws: a failure is an AdminReply with status 0.
AdminReply call_node_admin(const std::string& address, const std::string& method,
                           const std::string& target, const std::string& token,
                           const std::string& body = {},
                           std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

}  // namespace seckill::ui
