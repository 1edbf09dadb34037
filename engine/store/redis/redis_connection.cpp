#include "store/redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <charconv>

namespace seckill::store::redis {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
    return timeval{static_cast<time_t>(ms.count() / 1000),
                   static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

Reply::Reply(redisReply* r) : root_(r, [](redisReply* p) { freeReplyObject(p); }), node_(r) {}

bool Reply::nil() const { return !node_ || node_->type == REDIS_REPLY_NIL; }
bool Reply::is_array() const { return node_ && node_->type == REDIS_REPLY_ARRAY; }
bool Reply::is_error() const { return node_ && node_->type == REDIS_REPLY_ERROR; }

std::string_view Reply::str() const {
    if (!node_ || !node_->str) return {};
    return {node_->str, node_->len};
}

std::int64_t int_of(std::string_view s) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

long long Reply::integer() const {
    if (!node_) return 0;
    if (node_->type == REDIS_REPLY_INTEGER) return node_->integer;
    if (node_->type == REDIS_REPLY_STRING || node_->type == REDIS_REPLY_STATUS) {
        try {
            return std::stoll(std::string(str()));
        } catch (const std::exception&) {
            return 0;
        }
    }
    return 0;
}

std::size_t Reply::size() const { return is_array() ? node_->elements : 0; }

Reply Reply::at(std::size_t i) const {
    if (i >= size()) return Reply(root_, nullptr);
    return Reply(root_, node_->element[i]);
}

RedisConnection::RedisConnection(const RedisUrl& url, Timeouts timeouts) {
    ctx_ = redisConnectWithTimeout(url.host.c_str(), url.port, to_timeval(timeouts.connect));
    if (!ctx_ || ctx_->err) {
        std::string why = ctx_ ? ctx_->errstr : "out of memory";
        if (ctx_) redisFree(ctx_);
        throw RedisUnavailable("cannot connect to " + url.to_string() + ": " + why);
    }
    set_timeout(timeouts.command);
    if (url.db != 0) {
        Reply r = command({"SELECT", std::to_string(url.db)});
        if (r.is_error()) {
            redisFree(ctx_);
            throw RedisError("SELECT " + std::to_string(url.db) + ": " + std::string(r.str()));
        }
    }
}

RedisConnection::~RedisConnection() {
    if (ctx_) redisFree(ctx_);
}

void RedisConnection::set_timeout(std::chrono::milliseconds t) {
    redisSetTimeout(ctx_, to_timeval(t));
}

void RedisConnection::append(std::span<const std::string_view> args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (auto a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    if (redisAppendCommandArgv(ctx_, int(argv.size()), argv.data(), lens.data()) != REDIS_OK) {
        broken_ = true;
        throw RedisUnavailable(std::string("redis: ") + ctx_->errstr);
    }
}

Reply RedisConnection::read_reply() {
    void* raw = nullptr;
    if (broken_ || redisGetReply(ctx_, &raw) != REDIS_OK || !raw) {
        broken_ = true;
        throw RedisUnavailable(std::string("redis: ") +
                               (ctx_->errstr[0] ? ctx_->errstr : "connection lost"));
    }
    return Reply(static_cast<redisReply*>(raw));
}

Reply RedisConnection::command(std::span<const std::string> args) {
    std::vector<std::string_view> views(args.begin(), args.end());
    append(views);
    return read_reply();
}

Reply RedisConnection::command(std::initializer_list<std::string_view> args) {
    append(std::span<const std::string_view>(args.begin(), args.size()));
    return read_reply();
}

std::vector<Reply> RedisConnection::pipeline(std::span<const std::vector<std::string>> commands) {
    for (const auto& c : commands) {
        std::vector<std::string_view> views(c.begin(), c.end());
        append(views);
    }
    std::vector<Reply> replies;
    replies.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) replies.push_back(read_reply());
    return replies;
}

Reply RedisConnection::next_push() {
    void* raw = nullptr;
    // hiredis treats a read timeout as a broken context, so wait on the socket instead and
    // only read once bytes are there.
    if (redisGetReplyFromReader(ctx_, &raw) == REDIS_OK && raw)
        return Reply(static_cast<redisReply*>(raw));
    pollfd p{ctx_->fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 200);
    if (ready == 0) return Reply();
    if (ready < 0 || redisBufferRead(ctx_) != REDIS_OK ||
        redisGetReplyFromReader(ctx_, &raw) != REDIS_OK) {
        broken_ = true;
        throw RedisUnavailable("redis: subscription lost");
    }
    return raw ? Reply(static_cast<redisReply*>(raw)) : Reply();
}

}  // namespace seckill::store::redis
