#include "load/load_generator.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <deque>
#include <functional>
#include <random>
#include <unordered_map>

#include "auth/jwt_mint.h"
#include "core/time_format.h"

namespace seckill::load {
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// A run records at most this many skipped slots in its history (a node stalled for the
// whole of a long, fast run must not exhaust memory).
constexpr std::size_t max_history = 20'000'000;

struct LoadGenerator::Impl {
    struct FollowUp {
        Clock::time_point due;
        std::string order_id;
        std::string user;  // only the buyer may pay or cancel
        bool pay;
    };

    // One keep-alive connection running one request at a time.
    struct Connection : std::enable_shared_from_this<Connection> {
        Impl& impl;
        tcp::socket socket;
        net::steady_timer timer;
        boost::beast::flat_buffer buffer;
        http::request<http::empty_body> req;
        http::response<http::string_body> res;
        std::deque<FollowUp> follow_ups;
        Clock::time_point sent_at;
        Clock::time_point due_at;  // the schedule's slot of the buy in flight
        enum class Kind { buy, pay, cancel } kind = Kind::buy;
        std::string buyer;  // of the buy in flight
        // Of the request in flight, for the history: who sent it, about which order, and
        // whether one is in flight at all (a failed connect sent nothing).
        std::string sender;
        std::string order_id;
        bool in_flight = false;

        explicit Connection(Impl& i) : impl(i), socket(i.ioc), timer(i.ioc) {}

        void connect() {
            socket.async_connect(impl.endpoint,
                                 [self = shared_from_this()](boost::system::error_code ec) {
                                     if (ec) return self->failed();
                                     self->next();
                                 });
        }

        void failed() {
            ++impl.report.transport_errors;
            if (in_flight && impl.history) record(Clock::now(), 0, {}, {});
            in_flight = false;
            boost::system::error_code ignored;
            socket.close(ignored);
            if (impl.finished()) return;
            // Reconnect after a short pause rather than spinning on a dead server.
            timer.expires_after(std::chrono::milliseconds(50));
            timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                if (!ec) self->connect();
            });
        }

        void next() {
            if (impl.finished()) return;
            if (impl.paused) {  // look again shortly; a resumed crowd starts within 20 ms
                timer.expires_after(std::chrono::milliseconds(20));
                return timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                    if (!ec) self->next();
                });
            }
            const auto now = Clock::now();
            if (!follow_ups.empty() && follow_ups.front().due <= now) {
                FollowUp f = std::move(follow_ups.front());
                follow_ups.pop_front();
                kind = f.pay ? Kind::pay : Kind::cancel;
                order_id = f.order_id;
                return send(http::verb::post,
                            "/v1/orders/" + f.order_id + (f.pay ? "/pay" : "/cancel") +
                                impl.user_query(f.user),
                            f.user);
            }
            const auto slot = impl.next_slot(now);
            due_at = slot;
            if (slot > now) {
                ++impl.idle;
                timer.expires_at(slot);
                return timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                    --self->impl.idle;
                    if (!ec) self->buy();
                });
            }
            buy();
        }

        void buy() {
            if (impl.finished()) return;
            if (impl.paused) {  // the slot goes back to the schedule, sent after the hold
                impl.next_send = std::min(impl.next_send, due_at - impl.gap_at(due_at));
                return next();
            }
            kind = Kind::buy;
            buyer = impl.random_user();
            order_id.clear();
            send(http::verb::post, impl.buy_target + impl.user_query(buyer), buyer);
        }

        void send(http::verb method, std::string target, const std::string& user) {
            req = {method, target, 11};
            req.set(http::field::host, impl.options.host);
            if (!impl.options.jwt_secret.empty())
                req.set(http::field::authorization, impl.bearer(user));
            req.prepare_payload();
            res = {};
            sender = user;
            in_flight = true;
            sent_at = Clock::now();
            http::async_write(
                socket, req,
                [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                    if (ec) return self->failed();
                    http::async_read(self->socket, self->buffer, self->res,
                                     [self](boost::system::error_code ec2, std::size_t) {
                                         if (ec2) return self->failed();
                                         self->answered();
                                     });
                });
        }

        void answered() {
            const auto now = Clock::now();
            in_flight = false;
            const auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(now - sent_at);
            if (impl.history) record_answer(now);
            if (kind == Kind::buy) {
                impl.sent.fetch_add(1, std::memory_order_relaxed);
                impl.latency.observe_us(std::uint64_t(micros.count()));
                boost::system::error_code ec;
                const auto j = boost::json::parse(res.body(), ec);
                std::string status = "error";
                if (!ec && j.is_object() && j.as_object().contains("status") &&
                    j.at("status").is_string())
                    status = std::string(j.at("status").as_string());
                ++impl.report.buys[status];
                if (res.result_int() == 201 && status == "reserved" &&
                    j.as_object().contains("order_id") && j.at("order_id").is_string())
                    impl.plan_follow_up(*this, std::string(j.at("order_id").as_string()), buyer);
            } else {
                const bool ok = res.result_int() == 200;
                if (!ok)
                    ++impl.report.pay_failed;
                else if (kind == Kind::pay)
                    ++impl.report.paid;
                else
                    ++impl.report.cancelled;
            }
            if (!res.keep_alive()) {
                boost::system::error_code ignored;
                socket.close(ignored);
                return connect();
            }
            next();
        }

        // The history's row for the answer in `res` (kept off the path of runs that
        // record nothing: only called when a history is wanted).
        void record_answer(Clock::time_point now) {
            boost::system::error_code ec;
            const auto j = boost::json::parse(res.body(), ec);
            const boost::json::object* o = !ec && j.is_object() ? &j.as_object() : nullptr;
            auto text = [&](const char* key) {
                const auto* v = o ? o->if_contains(key) : nullptr;
                return v && v->is_string() ? std::string(v->as_string()) : std::string();
            };
            std::string id = kind == Kind::buy ? text("order_id") : order_id;
            std::int64_t pay_before = 0;
            if (auto t = parse_rfc3339(text("pay_before"))) pay_before = *t;
            record(now, int(res.result_int()), text("status"), std::move(id), pay_before);
        }

        void record(Clock::time_point now, int http_status, std::string code, std::string id,
                    std::int64_t pay_before = 0) {
            if (kind != Kind::buy && id.empty()) id = order_id;
            History& h = *impl.history;
            const std::int64_t sent_ms = h.ms_since_origin(sent_at);
            h.answers.push_back(
                {kind == Kind::buy   ? Op::buy
                 : kind == Kind::pay ? Op::pay
                                     : Op::cancel,
                 sender,
                 sent_ms,
                 h.ms_since_origin(now),
                 http_status,
                 std::move(code),
                 std::move(id),
                 pay_before,
                 {},
                 kind == Kind::buy ? std::min(h.ms_since_origin(due_at), sent_ms) : -1});
        }
    };

    LoadOptions options;
    History* history;  // null: record nothing
    std::atomic<std::int64_t>& sent;
    net::io_context ioc{1};
    tcp::endpoint endpoint;
    std::string buy_target;
    std::mt19937_64 rng;
    Clock::time_point start;
    Clock::time_point end;
    // Io thread only (pause() posts to it): held now, since when, and for how long in all.
    bool paused = false;
    Clock::time_point paused_at;
    Clock::duration held{};
    Clock::time_point next_send;
    int idle = 0;  // connections waiting on their slot's timer (one io thread: no atomics)
    LoadReport report;
    metrics::Histogram latency;
    std::vector<std::shared_ptr<Connection>> connections;
    std::unordered_map<std::string, std::string> tokens;  // user -> bearer header value

    Impl(LoadOptions o, std::atomic<std::int64_t>& sent_counter)
        : options(std::move(o)), history(options.history), sent(sent_counter), rng(options.seed) {
        endpoint = tcp::endpoint(net::ip::make_address(options.host), options.port);
        buy_target = "/v1/sales/" + options.sale + "/buy";
    }

    // Open mode: every request names its user. JWT mode: the token does.
    std::string user_query(const std::string& user) const {
        return options.jwt_secret.empty() ? "?user=" + user : std::string();
    }

    // One token per virtual user, minted on its first request and valid for the whole run
    // plus an hour, so no request waits on signing twice.
    const std::string& bearer(const std::string& user) {
        auto [it, fresh] = tokens.try_emplace(user);
        if (fresh) {
            const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
            it->second = "Bearer " + auth::mint_hs256(options.jwt_secret, user, now_s,
                                                      std::int64_t(options.duration_s) + 3600);
        }
        return it->second;
    }

    bool finished() const { return (!paused && Clock::now() >= end) || ioc.stopped(); }

    void hold(bool on) {
        if (on == paused) return;
        const auto now = Clock::now();
        if (on) {
            paused_at = now;
        } else {
            // The schedule and the end move by the time held: the crowd goes on where it was.
            end += now - paused_at;
            next_send += now - paused_at;
            held += now - paused_at;
        }
        paused = on;
    }

    std::string random_user() {
        return "u" + std::to_string(
                         std::uniform_int_distribution<std::int64_t>(0, options.users - 1)(rng));
    }

    // The schedule's spacing at `at` (zero when unpaced).
    Clock::duration gap_at(Clock::time_point at) const {
        const double r = rate_at(options, std::chrono::duration<double>(at - start - held).count());
        return r > 0 ? std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(1.0 / r))
                     : Clock::duration::zero();
    }

    // Open-loop pacing: each buy takes the next slot of the schedule; a connection that is
    // late sends at once rather than skipping the slot.
    Clock::time_point next_slot(Clock::time_point now) {
        const double t = std::chrono::duration<double>(now - start - held).count();
        const double r = rate_at(options, t);
        if (r <= 0) return now;
        const auto gap =
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / r));
        const auto floor = now - std::chrono::milliseconds(100);
        // Slots further behind than that are given up, not sent in a burst. With every
        // connection waiting on the node, each was a buyer the node kept waiting: counted.
        // With a connection idle on its timer, this process fell behind (a starved CPU),
        // not the node: those slots are only dropped.
        const bool node_kept_them = idle == 0;
        for (auto missed = next_send + gap; missed < floor && gap.count() > 0; missed += gap) {
            next_send = missed;
            if (!node_kept_them) continue;
            ++report.not_sent;
            if (history && history->answers.size() < max_history) {
                const std::int64_t at = history->ms_since_origin(missed);
                history->answers.push_back({Op::buy,
                                            {},
                                            at,
                                            history->ms_since_origin(now),
                                            0,
                                            std::string(not_sent),
                                            {},
                                            0,
                                            {},
                                            at});
            }
        }
        next_send = std::max(next_send + gap, floor);
        return next_send;
    }

    void plan_follow_up(Connection& c, std::string order_id, const std::string& user) {
        const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
        if (roll >= options.pay_share + options.cancel_share) return;
        c.follow_ups.push_back({Clock::now() + std::chrono::milliseconds(options.pay_delay_ms),
                                std::move(order_id), user, roll < options.pay_share});
    }
};

LoadGenerator::LoadGenerator(LoadOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>(options_, sent_)) {}

LoadGenerator::~LoadGenerator() = default;

LoadReport LoadGenerator::run() {
    Impl& i = *impl_;
    i.start = Clock::now();
    if (i.history && i.history->origin == Clock::time_point{}) i.history->start_now();
    i.next_send = i.start;
    i.end = i.start + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(options_.duration_s));
    for (int c = 0; c < std::max(1, options_.connections); ++c) {
        i.connections.push_back(std::make_shared<Impl::Connection>(i));
        i.connections.back()->connect();
    }
    // At the deadline no new request goes out, and the answers still on the way are read,
    // so the report counts every buy the nodes answered (a console compares the two); a
    // silent server is not waited on past the grace.
    net::steady_timer deadline(i.ioc, i.end);
    std::function<void(boost::system::error_code)> settle = [&](boost::system::error_code ec) {
        if (!ec && (i.paused || Clock::now() < i.end)) {  // held, or resumed with a later end
            deadline.expires_at(i.paused ? Clock::now() + std::chrono::milliseconds(50) : i.end);
            return deadline.async_wait(settle);
        }
        const bool waiting = std::any_of(i.connections.begin(), i.connections.end(),
                                         [](const auto& c) { return c->in_flight; });
        if (ec || !waiting || Clock::now() >= i.end + std::chrono::seconds(2)) return i.ioc.stop();
        deadline.expires_after(std::chrono::milliseconds(5));
        deadline.async_wait(settle);
    };
    deadline.async_wait(settle);
    i.ioc.run();
    i.hold(false);  // a run stopped while held ends its hold now
    i.report.seconds = std::chrono::duration<double>(Clock::now() - i.start - i.held).count();
    i.report.latency = i.latency.snapshot();
    i.connections.clear();
    return i.report;
}

void LoadGenerator::stop() { impl_->ioc.stop(); }

void LoadGenerator::pause(bool on) {
    net::post(impl_->ioc, [&i = *impl_, on] { i.hold(on); });
}

}  // namespace seckill::load
