#include "node/http/reply_mailbox.h"

#include <boost/asio/post.hpp>

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
        boost::asio::post(ioc_, [this] { drain(); });
    } catch (...) {
        // Not queued (out of memory): the next reply must post again, or none would go.
        std::lock_guard lock(mu_);
        posted_ = false;
        throw;
    }
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
