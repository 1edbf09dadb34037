#pragma once
// Key names. A sale's keys carry the hash tag {sale}, so each script touches one Redis
// Cluster slot; cluster-wide records carry {#}, a tag no sale id can have.
#include <string>
#include <string_view>

namespace seckill::store::redis::keys {

inline std::string sale(std::string_view sale, std::string_view part) {
    std::string k;
    k.reserve(6 + sale.size() + part.size());
    k.append("sk:{").append(sale).append("}:").append(part);
    return k;
}
inline std::string meta(std::string_view s) { return sale(s, "meta"); }
inline std::string leases(std::string_view s) { return sale(s, "leases"); }
inline std::string holds(std::string_view s) { return sale(s, "holds"); }
inline std::string orders(std::string_view s) { return sale(s, "orders"); }
inline std::string deadlines(std::string_view s) { return sale(s, "deadlines"); }
inline std::string events(std::string_view s) { return sale(s, "events"); }
// level -> users holding exactly that many units (see move_level in common.lua).
inline std::string levels(std::string_view s) { return sale(s, "levels"); }
inline std::string alloc(std::string_view s) { return sale(s, "alloc"); }
// Set of the order writers handed the sale's events: the order DB is the sum of theirs.
inline std::string writers(std::string_view s) { return sale(s, "writers"); }

inline const std::string sales = "sk:{#}:sales";            // set of sale ids
inline const std::string order_sale = "sk:{#}:order_sale";  // order id -> sale
inline const std::string nodes = "sk:{#}:nodes";      // node -> worker|started|last beat|address
inline const std::string workers = "sk:{#}:workers";  // worker number -> node
// node -> epoch of its registration; negative once fenced. Grant and commit read it, so
// those two scripts span a sale's slot and {#}: fine on one Redis (the supported setup);
// Redis Cluster would need the epoch mirrored into each sale's slot.
inline const std::string epochs = "sk:{#}:epochs";
// A random id written once per data set: gone or different = Redis lost its data.
inline const std::string identity = "sk:{#}:identity";
inline const std::string control = "sk:{#}:control";
inline const std::string control_channel = "sk:control";
inline const std::string node_events = "sk:{#}:events";          // stream, id = seq-1
inline const std::string node_events_seq = "sk:{#}:events_seq";  // last number given
inline std::string heartbeat(std::string_view node) {
    return std::string("sk:{#}:hb:").append(node);
}

inline constexpr std::string_view writer_group = "writers";
// The group member order events are handed to when a writer cannot read them (a format of
// a newer version). Not a valid node id, so no writer reads as it: they stay claimable
// until a writer that can read them takes them.
inline constexpr std::string_view unreadable_consumer = "#unreadable";

}  // namespace seckill::store::redis::keys
