#include "node/http/wire_response.h"

#include <boost/beast/http/status.hpp>
#include <charconv>

namespace seckill::node::http {
namespace {

void append_number(std::string& out, long long v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void header(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
}

}  // namespace

void write_wire_response(const Response& res, unsigned version, bool keep_alive, std::string& out) {
    out.clear();
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    append_number(out, res.status);
    out += ' ';
    out += boost::beast::http::obsolete_reason(
        boost::beast::http::int_to_status(unsigned(res.status)));
    out += "\r\n";
    header(out, "Content-Type", res.content_type);
    out += "Content-Length: ";
    append_number(out, static_cast<long long>(res.body.size()));
    out += "\r\n";
    if (res.retry_after_s > 0) {
        out += "Retry-After: ";
        append_number(out, res.retry_after_s);
        out += "\r\n";
    }
    if (!res.allow.empty()) header(out, "Allow", res.allow);
    if (res.bearer_challenge) header(out, "WWW-Authenticate", "Bearer");
    // HTTP/1.1 keeps connections open unless told; HTTP/1.0 closes unless told.
    if (version == 10 && keep_alive) header(out, "Connection", "keep-alive");
    if (version != 10 && !keep_alive) header(out, "Connection", "close");
    out += "\r\n";
    out += res.body;
}

}  // namespace seckill::node::http
