#pragma once
// A shopper on a console's local nodes, over their real HTTP API: buys, pays, cancels.
#include <string>

#include "backend/cluster_snapshot.h"
#include "loadrun/load_plan.h"
#include "support/http_client.h"

namespace seckill::testing {

struct Shopper {
    unsigned short port = 0;

    // The port of `node` in `snap` (0 when it is not listed).
    static Shopper on(const ui::ClusterSnapshot& snap, const std::string& node = "n1") {
        for (const auto& n : snap.nodes)
            if (n.info.id == node) return {ui::parse_target(n.info.address)->port};
        return {};
    }
    // The new order's id, or empty when the buy was refused.
    std::string buy(const std::string& sale, const std::string& user) const {
        const Reply r = HttpClient(port).request(boost::beast::http::verb::post,
                                                 "/v1/sales/" + sale + "/buy?user=" + user);
        return r.status == 201 ? std::string(r.json().at("order_id").as_string()) : std::string();
    }
    int pay(const std::string& order, const std::string& user) const {
        return act(order, user, "pay");
    }
    int cancel(const std::string& order, const std::string& user) const {
        return act(order, user, "cancel");
    }

  private:
    int act(const std::string& order, const std::string& user, const char* what) const {
        return HttpClient(port)
            .request(boost::beast::http::verb::post,
                     "/v1/orders/" + order + "/" + what + "?user=" + user)
            .status;
    }
};

}  // namespace seckill::testing
