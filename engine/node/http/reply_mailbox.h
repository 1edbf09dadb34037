#pragma once
// Replies that another thread hands to an io thread: the committer settling a batch of buys
// answers each buyer from its own thread, and each answer must be written by the thread
// that owns the connection. Posting every reply on its own woke the io thread once per buy
// (an epoll_ctl and a futex wake each); the mailbox wakes it once per batch — the first
// reply posts a drain, the ones that follow before it runs join it; inside a
// DeferredWakeups scope the drain is posted when the scope closes.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "node/http/http_types.h"

namespace seckill::node::http {

class Session;

class ReplyMailbox {
  public:
    explicit ReplyMailbox(boost::asio::io_context& ioc) : ioc_(ioc) {}

    // Any thread. The session's own thread writes `reply` soon after.
    void deliver(std::shared_ptr<Session> session, Response reply);

  private:
    void post_drain();
    void unpost();
    void drain();  // on the io thread

    boost::asio::io_context& ioc_;
    std::mutex mu_;
    std::vector<std::pair<std::shared_ptr<Session>, Response>> pending_;
    std::vector<std::pair<std::shared_ptr<Session>, Response>> draining_;  // io thread only
    bool posted_ = false;  // a drain is queued and has not yet taken `pending_`
};

}  // namespace seckill::node::http
