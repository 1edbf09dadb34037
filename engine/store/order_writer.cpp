#include "store/order_writer.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include "core/thread_name.h"

namespace seckill::store {

OrderWriter::OrderWriter(Ledger& ledger, OrderDb& db, Options options)
    : ledger_(ledger), db_(db), options_(options) {}

OrderWriter::~OrderWriter() { stop(); }

void OrderWriter::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    caught_up_at_.store(steady_ms(), std::memory_order_relaxed);
    thread_ = std::thread([this] {
        name_this_thread("seckill-writer");
        run();
    });
}

void OrderWriter::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    try {
        drain();
    } catch (const std::exception& e) {
        // Stopping must not throw (destructors call it); the events stay unacknowledged
        // in the ledger for the next writer.
        std::lock_guard lock(mu_);
        last_error_ = e.what();
    }
}

std::size_t OrderWriter::write_batch() {
    const auto events = ledger_.read_events(options_.consumer, options_.batch);
    if (!events.empty()) {
        write_to_db(events);
        ledger_.ack_events(events);
        written_.fetch_add(events.size(), std::memory_order_relaxed);
    }
    // A short read took everything queued at that moment: the writer had caught up.
    if (events.size() < options_.batch) caught_up_at_.store(steady_ms(), std::memory_order_relaxed);
    return events.size();
}

Millis OrderWriter::lag_ms() const {
    const Millis at = caught_up_at_.load(std::memory_order_relaxed);
    return at == 0 ? 0 : std::max<Millis>(steady_ms() - at, 0);
}

void OrderWriter::write_to_db(const std::vector<OrderEvent>& events) {
    const Millis started = steady_ms();
    try {
        if (options_.faults) options_.faults->disturb(FaultPlan::Target::order_db, {});
        db_.apply(events);
    } catch (...) {
        if (options_.breaker) options_.breaker->record(true, steady_ms() - started, steady_ms());
        throw;
    }
    if (options_.breaker) options_.breaker->record(false, steady_ms() - started, steady_ms());
}

void OrderWriter::drain() {
    while (write_batch() > 0) {
    }
}

std::string OrderWriter::last_error() const {
    std::lock_guard lock(mu_);
    return last_error_;
}

void OrderWriter::run() {
    int backoff_ms = options_.idle_poll_ms;
    while (!stopping_) {
        std::size_t wrote = 0;
        if (options_.breaker && !options_.breaker->allow(steady_ms())) {
            // The order DB keeps failing: events stay safe in the ledger meanwhile, and a
            // DB that is struggling is not hammered.
            std::unique_lock lock(mu_);
            wake_.wait_for(lock, std::chrono::milliseconds(50),
                           [this] { return stopping_.load(); });
            continue;
        }
        try {
            wrote = write_batch();
            backoff_ms = options_.idle_poll_ms;
        } catch (const std::exception& e) {
            // The events stay unacknowledged in the ledger; retry with growing pauses.
            std::lock_guard lock(mu_);
            last_error_ = e.what();
            backoff_ms = std::min(backoff_ms * 2, 1000);
        }
        // A short batch means the queue was drained: let it fill for idle_poll_ms rather
        // than write a transaction per handful of orders (each costs its WAL pages).
        if (wrote < options_.batch) {
            std::unique_lock lock(mu_);
            wake_.wait_for(lock, std::chrono::milliseconds(backoff_ms),
                           [this] { return stopping_.load(); });
        }
    }
}

}  // namespace seckill::store
