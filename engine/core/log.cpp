#include "core/log.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/enum_names.h"

namespace seckill::log {
namespace {

std::atomic<int> threshold{int(Level::info)};

// logfmt: a bare value unless it is empty or holds a space, quote, '=' or control
// character; then it is quoted with \" \\ \n escaped, so one event stays one line.
void append_value(std::string& out, std::string_view v) {
    bool quote = v.empty();
    for (char c : v)
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            quote = true;
    if (!quote) {
        out += v;
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t secs = std::time_t(ms / 1000);
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
    return buf;
}

}  // namespace

constexpr std::array<EnumName<Level>, 4> level_names{{
    {Level::debug, "debug"},
    {Level::info, "info"},
    {Level::warn, "warn"},
    {Level::error, "error"},
}};

std::optional<Level> parse_level(std::string_view name) {
    if (name == "warning") return Level::warn;  // what syslog and most loggers call it
    return value_of(level_names, name);
}

std::string_view to_string(Level level) { return name_of(level_names, level, "info"); }

void set_level(Level level) { threshold.store(int(level), std::memory_order_relaxed); }
bool enabled(Level level) { return int(level) >= threshold.load(std::memory_order_relaxed); }

std::string format(Level level, std::string_view event, std::initializer_list<Field> fields) {
    std::string line = "level=";
    line += to_string(level);
    line += " event=";
    append_value(line, event);
    for (const Field& f : fields) {
        line += ' ';
        line += f.key;
        line += '=';
        append_value(line, f.value);
    }
    return line;
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
    if (!enabled(level)) return;
    std::string line = "ts=" + timestamp() + ' ' + format(level, event, fields) + '\n';
    // One write(2) per line: stderr is unbuffered and shared by every thread.
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, p, left);
        if (n <= 0) return;
        p += n;
        left -= std::size_t(n);
    }
}

}  // namespace seckill::log
