#pragma once
// Puts a response on the wire as one buffer: status line, the few headers API v1 uses,
// body. Beast's serializer walks a chain of buffer views per write, which measured ~8% of
// the node's time in a sold-out storm; a reply this small is cheaper built in one string
// that keeps its capacity across the requests of a connection.
#include <string>

#include "node/http/http_types.h"

namespace seckill::node::http {

// `version` is 10 or 11; `keep_alive` is whether the connection stays open after this.
void write_wire_response(const Response& res, unsigned version, bool keep_alive, std::string& out);

}  // namespace seckill::node::http
