#pragma once
// Operator log: one line per event on stderr, `ts=… level=… event=… key=value …` (logfmt),
// so journald keeps it as one entry and grep/awk/Loki split it without a parser of ours.
// Events are rare by design (start, stop, fencing, breaker, faults): nothing per request
// is logged at info, so the default level costs nothing on the buy path.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace seckill::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

std::optional<Level> parse_level(std::string_view name);
std::string_view to_string(Level level);

// Lines below `level` are dropped; info unless the program sets it (--log-level).
void set_level(Level level);
bool enabled(Level level);

struct Field {
    std::string_view key;
    std::string value;
    Field(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
    Field(std::string_view k, const char* v) : key(k), value(v) {}
    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    template <class N>
    requires std::is_arithmetic_v<N> Field(std::string_view k, N v)
        : key(k), value(std::to_string(v)) {}
};

// The line as written, without the time stamp (tests and callers that build one).
std::string format(Level level, std::string_view event, std::initializer_list<Field> fields);
// Writes `ts=<RFC 3339 UTC> ` + format(...) + '\n' to stderr in one write(2), so lines of
// concurrent threads never interleave.
void write(Level level, std::string_view event, std::initializer_list<Field> fields);

inline void debug(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::debug, e, f);
}
inline void info(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::info, e, f);
}
inline void warn(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::warn, e, f);
}
inline void error(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::error, e, f);
}

}  // namespace seckill::log
