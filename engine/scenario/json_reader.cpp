#include "scenario/json_reader.h"

#include <cmath>

namespace seckill::scenario {
namespace {

std::string range(double lo, double hi) {
    auto t = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return t(lo) + " to " + t(hi);
}

}  // namespace

void JsonReader::fail(const std::string& field, const std::string& why) {
    if (!error_->has_value()) *error_ = field + " " + why;
}

void JsonReader::only(std::initializer_list<const char*> known) {
    for (const auto& kv : o_) {
        bool found = false;
        for (const char* k : known) found = found || kv.key() == k;
        if (!found) fail(field(std::string(kv.key()).c_str()), "is not a known field");
    }
}

const boost::json::value* JsonReader::get(const char* key, bool required) {
    const auto* v = o_.if_contains(key);
    if (!v && required) fail(field(key), "is required");
    return v;
}

void JsonReader::text(const char* key, std::string& out, bool required) {
    const auto* v = get(key, required);
    if (!v) return;
    if (!v->is_string()) return fail(field(key), "must be a string");
    out = std::string(v->as_string());
}

void JsonReader::integer(const char* key, std::int64_t& out, std::int64_t lo, std::int64_t hi,
                         bool required) {
    const auto* v = get(key, required);
    if (!v) return;
    const std::string why =
        "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    std::int64_t n = 0;
    if (v->is_int64())
        n = v->as_int64();
    else if (v->is_uint64() && v->as_uint64() <= std::uint64_t(hi))
        n = std::int64_t(v->as_uint64());
    else if (v->is_double() && std::isfinite(v->as_double()) &&
             std::trunc(v->as_double()) == v->as_double() && v->as_double() >= double(lo) &&
             v->as_double() <= double(hi))
        n = std::int64_t(v->as_double());
    else
        return fail(field(key), why);
    if (n < lo || n > hi) return fail(field(key), why);
    out = n;
}

void JsonReader::number(const char* key, double& out, double lo, double hi) {
    const auto* v = get(key, false);
    if (!v) return;
    const std::string why = "must be a number from " + range(lo, hi);
    if (!v->is_number()) return fail(field(key), why);
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < lo || d > hi) return fail(field(key), why);
    out = d;
}

void JsonReader::seconds(const char* key, std::int64_t& out_ms, double lo_s, double hi_s,
                         bool required) {
    if (!get(key, required)) return;
    double s = -1;
    const auto before = error_->has_value();
    if (const auto* v = o_.if_contains(key); v && v->is_number()) s = v->to_number<double>();
    if (!std::isfinite(s) || s < lo_s || s > hi_s) {
        if (!before) fail(field(key), "must be a number of seconds from " + range(lo_s, hi_s));
        return;
    }
    out_ms = std::int64_t(std::llround(s * 1000));
}

void JsonReader::boolean(const char* key, bool& out) {
    const auto* v = get(key, false);
    if (!v) return;
    if (!v->is_bool()) return fail(field(key), "must be true or false");
    out = v->as_bool();
}

void JsonReader::strings(const char* key, std::vector<std::string>& out) {
    const auto* v = get(key, false);
    if (!v) return;
    if (!v->is_array()) return fail(field(key), "must be an array of strings");
    out.clear();
    for (const auto& item : v->as_array()) {
        if (!item.is_string()) return fail(field(key), "must be an array of strings");
        out.emplace_back(item.as_string());
    }
}

const boost::json::object* JsonReader::object(const char* key, bool required) {
    const auto* v = get(key, required);
    if (!v) return nullptr;
    if (!v->is_object()) return fail(field(key), "must be an object"), nullptr;
    return &v->as_object();
}

const boost::json::array* JsonReader::array(const char* key, bool required) {
    const auto* v = get(key, required);
    if (!v) return nullptr;
    if (!v->is_array()) return fail(field(key), "must be an array"), nullptr;
    return &v->as_array();
}

JsonReader JsonReader::child(const boost::json::object& o, const std::string& path) const {
    JsonReader r(o, path);
    r.error_ = error_;
    return r;
}

}  // namespace seckill::scenario
