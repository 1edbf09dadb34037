#pragma once
// Whether the Redis behind a ledger keeps what it acknowledged through a crash of its own.
// A confirmed order is only as safe as the reservation Redis said it stored: with
// `appendfsync everysec` Redis answers before the AOF is written whenever a background
// fsync runs late (a busy disk) and holds the write back for up to two seconds, so a
// kill -9 then loses orders buyers were told about (test_cluster found one under load).
// `appendonly yes` with `appendfsync always` writes and fsyncs before it answers; the group
// commit makes that one fsync per batch, not per buy.
#include <string>

namespace seckill::store::redis {

class RedisPool;

// Empty when Redis runs with appendonly yes and appendfsync always; else the sentence an
// operator needs (what is set, what to set). CONFIG may be renamed away on a managed
// Redis: then the sentence says the settings could not be read.
std::string persistence_warning(RedisPool& pool);

}  // namespace seckill::store::redis
