#include "node/http/reply_mailbox.h"

#include <boost/asio/post.hpp>

#include "core/deferred_wakeups.h"
#include "node/http/session.h"

namespace seckill::node::http {

void ReplyMailbox::deliver(std::shared_ptr<Session> session, Response reply) {
    bool post = false;
    {
        std::lock_guard lock(mu_);
        pending_.emplace_back(std::move(session), std::move(reply));
        post = !std::exchange(posted_, true);
    }
    if (!post) return;
    try {
        // Settling a batch: one drain once the whole batch is in (core/deferred_wakeups.h).
        if (DeferredWakeups::defer(this, [this] { post_drain(); })) return;
    } catch (...) {
        unpost();
        throw;
    }
    post_drain();
}

void ReplyMailbox::post_drain() {
    try {
        boost::asio::post(ioc_, [this] { drain(); });
    } catch (...) {
        unpost();
        throw;
    }
}

void ReplyMailbox::unpost() {
    // Not queued (out of memory): the next reply must post again, or none would go.
    std::lock_guard lock(mu_);
    posted_ = false;
}

void ReplyMailbox::drain() {
    {
        std::lock_guard lock(mu_);
        draining_.swap(pending_);
        posted_ = false;
    }
    for (auto& [session, reply] : draining_) session->reply(std::move(reply));
    draining_.clear();  // keeps its capacity: no allocation per batch once warm
}

}  // namespace seckill::node::http
