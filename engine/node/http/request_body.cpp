#include "node/http/request_body.h"

#include <boost/json/parse.hpp>

namespace seckill::node::http {

std::optional<std::string_view> query_param(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name)
            return eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::variant<boost::json::object, std::string> parse_json_object(std::string_view body) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec) return "body is not valid JSON: " + ec.message();
    if (!v.is_object()) return std::string("body must be a JSON object");
    return std::move(v.as_object());
}

}  // namespace seckill::node::http
