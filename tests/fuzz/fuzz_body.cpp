// Raw bytes as the JSON body of one route (FUZZ_METHOD FUZZ_PATH, set per target by
// CMake), sent with the admin token through the Router: the body parser, the operation
// behind it and the answer.
#include <string_view>

#include "fuzz_node.h"

using namespace seckill;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& node = fuzz::FuzzNode::instance();
    static const std::string authorization = std::string("Bearer ") + fuzz::admin_token;
    node::http::Request req;
    req.method = boost::beast::http::verb::FUZZ_METHOD;
    req.path = FUZZ_PATH;
    req.body = std::string_view(reinterpret_cast<const char*>(data), size);
    req.authorization = authorization;
    req.content_type = "application/json";
    fuzz::FuzzNode::check(node.answer(req));
    node.check_stock();
    return 0;
}
