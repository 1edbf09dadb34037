#pragma once
// One hiredis connection with connect and command timeouts. hiredis contexts are not
// thread-safe, so a connection belongs to one thread at a time (RedisPool hands them out).
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/redis/redis_url.h"

struct redisContext;
struct redisReply;

namespace seckill::store::redis {

// Redis cannot be reached or did not answer in time: the caller answers 503 and retries
// later. Derives from runtime_error so the node's ledger-down paths catch it.
struct RedisUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Redis answered with an error the ledger did not expect (a bug or a misconfiguration).
struct RedisError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The integer at the start of `s` (a field of a packed value the scripts wrote), 0 when
// there is none.
std::int64_t int_of(std::string_view s);

// A reply, freed with its connection's help; views stay valid while the Reply lives.
class Reply {
  public:
    Reply() = default;
    explicit Reply(redisReply* r);

    bool nil() const;
    bool is_array() const;
    bool is_error() const;
    std::string_view str() const;   // string, status or error text
    long long integer() const;      // an integer reply, or a string holding one
    std::size_t size() const;       // elements of an array
    Reply at(std::size_t i) const;  // shares ownership with the parent

  private:
    Reply(std::shared_ptr<redisReply> root, const redisReply* node)
        : root_(std::move(root)), node_(node) {}
    std::shared_ptr<redisReply> root_;
    const redisReply* node_ = nullptr;
};

struct Timeouts {
    std::chrono::milliseconds connect{500};
    std::chrono::milliseconds command{1000};
};

class RedisConnection {
  public:
    // Connects and selects the URL's database; throws RedisUnavailable.
    RedisConnection(const RedisUrl& url, Timeouts timeouts);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // One command. Error replies come back as replies (callers decide: NOSCRIPT is
    // expected); a broken connection throws RedisUnavailable and stays broken.
    Reply command(std::span<const std::string> args);
    Reply command(std::initializer_list<std::string_view> args);
    // Several commands in one round trip, replies in order.
    std::vector<Reply> pipeline(std::span<const std::vector<std::string>> commands);

    // Waits for the next pushed message (pub/sub); an empty Reply when the timeout passed.
    Reply next_push();
    void set_timeout(std::chrono::milliseconds t);

    bool broken() const { return broken_; }

  private:
    void append(std::span<const std::string_view> args);
    Reply read_reply();

    redisContext* ctx_ = nullptr;
    bool broken_ = false;
};

}  // namespace seckill::store::redis
