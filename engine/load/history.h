#pragma once
// Every answer a virtual buyer got during a load run, for judging a run afterwards
// (engine/scenario). Recording is optional: a run without a History pays one null check
// per answer and nothing else.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace seckill::load {

enum class Op { buy, pay, cancel };
std::string_view to_string(Op op);

struct Answer {
    Op op = Op::buy;
    std::string user;
    // Milliseconds on the steady clock since History::origin: when the request left and
    // when its answer (or its transport failure) arrived.
    std::int64_t sent_ms = 0;
    std::int64_t answered_ms = 0;
    int http_status = 0;  // 0: no answer (connection failed mid-request, or never sent)
    // The JSON body's "status" (reserved, sold_out, paid, …), or "" — or `not_sent`: a
    // slot of the schedule that passed while every connection waited on the node; its
    // answered_ms is when a connection next came free.
    std::string code;
    std::string order_id;  // of the 201, or of the order paid / cancelled
    // The reservation's deadline as the node stated it, wall-clock milliseconds since the
    // epoch (0 when not given); History::origin_wall_ms puts it on the run's scale.
    std::int64_t pay_before_wall_ms = 0;
    // Which node the request went to, when a runner drives several (one generator per
    // node labels its history); "" otherwise.
    std::string node;
    // When the schedule wanted the buy sent; earlier than sent_ms when every connection was
    // busy. A buyer waits from here, so latency is judged from here (no coordinated
    // omission). -1: the same as sent_ms (unpaced runs, follow-ups, hand-made histories).
    std::int64_t due_ms = -1;
};

inline constexpr std::string_view not_sent = "not_sent";
inline std::int64_t due_ms(const Answer& a) { return a.due_ms < 0 ? a.sent_ms : a.due_ms; }

struct History {
    // One clock for the whole run: set it before starting generators and timelines that
    // share this history's scale; a generator sets it at run start when left empty.
    std::chrono::steady_clock::time_point origin{};
    std::int64_t origin_wall_ms = 0;  // the system clock at `origin`
    std::vector<Answer> answers;

    // Sets origin (and its wall-clock twin) to now.
    void start_now();
    std::int64_t ms_since_origin(std::chrono::steady_clock::time_point t) const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(t - origin).count();
    }
};

}  // namespace seckill::load
