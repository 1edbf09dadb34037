#include "backend/health_probe.h"

#include <chrono>

#include "backend/node_admin_client.h"

namespace seckill::ui {
namespace {

constexpr auto period = std::chrono::seconds(1);
// A live node answers /healthz from its io thread at once; half a second is an unanswered
// probe, not a slow one.
constexpr auto timeout = std::chrono::milliseconds(500);

}  // namespace

HealthProbe::HealthProbe() : thread_([this] { run(); }) {}

HealthProbe::~HealthProbe() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void HealthProbe::watch(std::map<std::string, std::string> addresses) {
    std::lock_guard lock(mu_);
    const bool first = addresses_.empty() && !addresses.empty();
    addresses_ = std::move(addresses);
    std::erase_if(unanswered_, [&](const auto& kv) { return !addresses_.contains(kv.first); });
    // The first list is probed at once rather than a period later.
    if (first) probe_now_ = true, wake_.notify_all();
}

std::map<std::string, std::string> HealthProbe::unanswered() const {
    std::lock_guard lock(mu_);
    return unanswered_;
}

void HealthProbe::run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        const std::map<std::string, std::string> addresses = addresses_;
        lock.unlock();
        std::map<std::string, std::string> failed;
        for (const auto& [id, address] : addresses) {
            if (stopping_) break;  // a detach waits for one probe at most
            const AdminReply r = call_node_admin(address, "GET", "/healthz", {}, {}, timeout);
            // Any answer means the process lives; its health is in its heartbeat.
            if (r.status != 0)
                answered_.insert(id);
            else if (answered_.contains(id))
                failed[id] = r.error;
        }
        lock.lock();
        for (const auto& [id, address] : addresses) {
            (void)address;
            if (!addresses_.contains(id)) continue;
            if (auto f = failed.find(id); f != failed.end())
                unanswered_[id] = f->second;
            else
                unanswered_.erase(id);
        }
        wake_.wait_for(lock, period, [this] { return stopping_ || probe_now_; });
        probe_now_ = false;
    }
}

}  // namespace seckill::ui
