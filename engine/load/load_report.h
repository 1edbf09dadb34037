#pragma once
// What a load run saw: answers by kind, latency, achieved rate.
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "core/metrics/histogram.h"

namespace seckill::load {

struct LoadReport {
    double seconds = 0;
    std::map<std::string, std::int64_t> buys;  // by status of API v1 (reserved, sold_out, …)
    std::int64_t paid = 0;
    std::int64_t cancelled = 0;
    std::int64_t pay_failed = 0;        // pay or cancel not answered 200
    std::int64_t transport_errors = 0;  // connect, read or write failures
    // Buys the schedule wanted sent that never were: every connection was waiting on the
    // node (a paced run falls behind instead of bursting; these are its lost buyers).
    std::int64_t not_sent = 0;
    metrics::Histogram::Snapshot latency;  // buys only

    std::int64_t total_buys() const;
    double buys_per_second() const { return seconds > 0 ? double(total_buys()) / seconds : 0; }

    std::string to_json() const;
    std::string to_table() const;
};

}  // namespace seckill::load
