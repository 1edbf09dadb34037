#pragma once
// Reading a hostile JSON document field by field: each getter checks type and range and,
// on the first problem, remembers one sentence naming the field by its path
// ("timeline[2].at_s must be a number from 0 to 600"). Unknown keys are errors too, so
// a typo in a scenario is never silently ignored.
#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seckill::scenario {

class JsonReader {
  public:
    JsonReader(const boost::json::object& o, std::string path) : o_(o), path_(std::move(path)) {}

    // The first error seen by this reader or any reader it handed out.
    const std::optional<std::string>& error() const { return *error_; }
    bool ok() const { return !error_->has_value(); }
    void fail(const std::string& field, const std::string& why);

    bool has(const char* key) const { return o_.contains(key); }
    // Fails on any key not in `known`.
    void only(std::initializer_list<const char*> known);

    void text(const char* key, std::string& out, bool required = false);
    void integer(const char* key, std::int64_t& out, std::int64_t lo, std::int64_t hi,
                 bool required = false);
    // Seconds as a JSON number (fractions allowed), stored as milliseconds.
    void seconds(const char* key, std::int64_t& out_ms, double lo_s, double hi_s,
                 bool required = false);
    void number(const char* key, double& out, double lo, double hi);
    void boolean(const char* key, bool& out);
    void strings(const char* key, std::vector<std::string>& out);
    // A nested object (null when absent or on error).
    const boost::json::object* object(const char* key, bool required = false);
    const boost::json::array* array(const char* key, bool required = false);

    // A reader for a nested object that shares this one's error.
    JsonReader child(const boost::json::object& o, const std::string& path) const;
    std::string field(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  private:
    const boost::json::value* get(const char* key, bool required);

    const boost::json::object& o_;
    std::string path_;
    std::shared_ptr<std::optional<std::string>> error_ =
        std::make_shared<std::optional<std::string>>();
};

}  // namespace seckill::scenario
