#include "prometheus_targets.h"

#include <boost/json.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace seckill::app {

std::string prometheus_targets(const std::vector<store::NodeInfo>& nodes) {
    boost::json::array targets;
    for (const auto& n : nodes) targets.emplace_back(n.address);
    boost::json::array groups;
    // An empty list is valid file_sd: Prometheus then scrapes nothing from it.
    if (!targets.empty())
        groups.emplace_back(
            boost::json::object{{"targets", std::move(targets)},
                                {"labels", boost::json::object{{"cluster", "seckill"}}}});
    return boost::json::serialize(groups) + "\n";
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + tmp + ": " + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " +
                                 std::strerror(errno));
}

}  // namespace seckill::app
