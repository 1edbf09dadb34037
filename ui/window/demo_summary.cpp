#include "window/demo_summary.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <sstream>

namespace seckill::ui {
namespace {

std::int64_t status_count(const ClusterSnapshot& s, store::OrderStatus status) {
    auto it = s.order_db_statuses.find(std::string(store::to_string(status)));
    return it == s.order_db_statuses.end() ? 0 : it->second;
}

std::string fixed(double v, int digits = 1) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

}  // namespace

bool DemoSummary::invariants_hold() const {
    for (const InvariantLine& i : invariants)
        if (!i.ok) return false;
    return !invariants.empty();
}

DemoSummary summarize(const DemoPlan& plan, const std::string& sale, const ClusterSnapshot& end,
                      const PipelineFlow& flow, const load::LoadReport& report, bool ended_early) {
    DemoSummary d;
    d.sale = sale;
    d.preset = plan.name.toStdString();
    d.group_commit = plan.groupCommit();
    d.ended_early = ended_early;
    d.load_seconds = report.seconds;
    for (const node::StageInfo& st : node::pipeline_stages)
        d.stages.push_back({std::string(st.key), std::string(st.title), flow.count(st.stage),
                            flow.peak(st.stage)});
    d.buys = report.total_buys();
    if (auto it = report.buys.find("reserved"); it != report.buys.end())
        d.reserved_answers = it->second;
    d.buyers_paid = report.paid;
    d.buyers_cancelled = report.cancelled;
    d.buys_per_s = report.buys_per_second();
    d.p50_ms = report.latency.quantile_us(0.50) / 1000.0;
    d.p99_ms = report.latency.quantile_us(0.99) / 1000.0;
    d.max_ms = report.latency.quantile_us(1.0) / 1000.0;
    if (const SaleView* v = end.find_sale(sale)) {
        d.stock = v->stock.total;
        d.paid = v->stock.paid;
        d.still_reserved = v->stock.reserved;
        d.unsold = v->stock.remaining();
    }
    for (const auto& [status, n] : end.order_db_statuses) d.orders += n;
    d.cancelled = status_count(end, store::OrderStatus::cancelled);
    d.expired = status_count(end, store::OrderStatus::expired);
    d.ledger_calls = flow.count(node::Stage::ledger_commit);
    d.buys_per_call =
        d.ledger_calls ? double(flow.count(node::Stage::lease)) / double(d.ledger_calls) : 0;
    d.peak_ledger_calls_per_s = flow.peak(node::Stage::ledger_commit);
    d.peak_arrivals_per_s = flow.peak(node::Stage::arrived);
    if (end.invariants && end.selected_sale == sale)
        for (const store::InvariantCheck& c : end.invariants->checks)
            d.invariants.push_back({c.id, c.ok, c.detail});
    return d;
}

std::string DemoSummary::to_json() const {
    namespace json = boost::json;
    json::array stage_list, invariant_list;
    for (const StageLine& s : stages)
        stage_list.push_back(json::object{{"stage", s.key},
                                          {"title", s.title},
                                          {"count", s.count},
                                          {"peak_per_s", s.peak_per_s}});
    for (const InvariantLine& i : invariants)
        invariant_list.push_back(json::object{{"id", i.id}, {"ok", i.ok}, {"detail", i.detail}});
    return json::serialize(json::object{
        {"sale", sale},
        {"preset", preset},
        {"group_commit", group_commit},
        {"ended_early", ended_early},
        {"stages", std::move(stage_list)},
        {"load", json::object{{"seconds", load_seconds},
                              {"buys", buys},
                              {"buys_per_s", buys_per_s},
                              {"reserved", reserved_answers},
                              {"paid", buyers_paid},
                              {"cancelled", buyers_cancelled},
                              {"latency_ms",
                               json::object{{"p50", p50_ms}, {"p99", p99_ms}, {"max", max_ms}}}}},
        {"stock",
         json::object{
             {"total", stock}, {"paid", paid}, {"reserved", still_reserved}, {"unsold", unsold}}},
        {"order_db",
         json::object{
             {"orders", orders}, {"paid", paid}, {"cancelled", cancelled}, {"expired", expired}}},
        {"ledger", json::object{{"commit_calls", ledger_calls},
                                {"buys_per_call", buys_per_call},
                                {"peak_calls_per_s", peak_ledger_calls_per_s}}},
        {"peak_arrivals_per_s", peak_arrivals_per_s},
        {"invariants", std::move(invariant_list)},
        {"invariants_hold", invariants_hold()},
    });
}

std::string DemoSummary::to_text() const {
    std::ostringstream o;
    o << "Demo sale " << sale << " — " << preset << (group_commit ? "" : " (group commit off)")
      << (ended_early ? ", ended by the operator" : "") << "\n\n";
    o << "Stage                      count   peak/s\n";
    for (const StageLine& s : stages) {
        // Padded by characters, not bytes: a title may hold an arrow (three UTF-8 bytes).
        const auto chars = std::count_if(s.title.begin(), s.title.end(),
                                         [](char c) { return (c & 0xC0) != 0x80; });
        char numbers[64];
        std::snprintf(numbers, sizeof numbers, " %8llu %8.0f\n",
                      static_cast<unsigned long long>(s.count), s.peak_per_s);
        o << s.title << std::string(std::size_t(std::max<std::ptrdiff_t>(0, 24 - chars)), ' ')
          << numbers;
    }
    o << "\nBuyers: " << buys << " buys in " << fixed(load_seconds) << " s (" << fixed(buys_per_s)
      << "/s), " << reserved_answers << " reserved, " << buyers_paid << " paid, "
      << buyers_cancelled << " cancelled\n";
    o << "Latency: p50 " << fixed(p50_ms, 2) << " ms, p99 " << fixed(p99_ms, 2) << " ms, max "
      << fixed(max_ms, 2) << " ms\n";
    o << "Stock: " << stock << " units: " << paid << " paid, " << still_reserved
      << " still reserved, " << unsold << " unsold\n";
    o << "Order DB: " << orders << " orders: " << paid << " paid, " << cancelled << " cancelled, "
      << expired << " expired\n";
    o << "Ledger: " << ledger_calls << " commit calls, " << fixed(buys_per_call)
      << " buys per call, peak " << fixed(peak_ledger_calls_per_s, 0) << " calls/s; peak arrivals "
      << fixed(peak_arrivals_per_s, 0) << "/s\n";
    o << "Invariants: " << (invariants_hold() ? "all hold" : "NOT all hold") << "\n";
    for (const InvariantLine& i : invariants)
        o << "  " << i.id << " " << (i.ok ? "ok  " : "FAIL") << " " << i.detail << "\n";
    return o.str();
}

std::string DemoSummary::to_csv() const {
    std::ostringstream o;
    o << "metric,value\nsale," << sale << "\npreset,\"" << preset << "\"\ngroup_commit,"
      << (group_commit ? "on" : "off") << "\n";
    for (const StageLine& s : stages)
        o << "stage." << s.key << "," << s.count << "\nstage." << s.key << ".peak_per_s,"
          << fixed(s.peak_per_s) << "\n";
    const std::pair<const char*, double> rows[] = {
        {"buys", double(buys)},
        {"buys_per_s", buys_per_s},
        {"reserved_answers", double(reserved_answers)},
        {"p50_ms", p50_ms},
        {"p99_ms", p99_ms},
        {"stock", double(stock)},
        {"paid", double(paid)},
        {"cancelled", double(cancelled)},
        {"expired", double(expired)},
        {"unsold", double(unsold)},
        {"orders", double(orders)},
        {"ledger_calls", double(ledger_calls)},
        {"buys_per_call", buys_per_call},
        {"peak_ledger_calls_per_s", peak_ledger_calls_per_s}};
    for (const auto& [name, v] : rows) o << name << "," << fixed(v, 2) << "\n";
    for (const InvariantLine& i : invariants)
        o << "invariant." << i.id << "," << (i.ok ? "yes" : "no") << "\n";
    return o.str();
}

std::string compare_text(const DemoSummary& a, const DemoSummary& b) {
    auto col = [](const DemoSummary& d) {
        return d.group_commit ? std::string("group commit on") : std::string("group commit off");
    };
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%-26s %18s %18s\n%-26s %18llu %18llu\n%-26s %18.0f %18.0f\n%-26s %18.1f "
                  "%18.1f\n%-26s %18.2f %18.2f\n",
                  "", col(a).c_str(), col(b).c_str(), "ledger commit calls",
                  static_cast<unsigned long long>(a.ledger_calls),
                  static_cast<unsigned long long>(b.ledger_calls), "peak ledger calls/s",
                  a.peak_ledger_calls_per_s, b.peak_ledger_calls_per_s, "buys per ledger call",
                  a.buys_per_call, b.buys_per_call, "buy p99 (ms)", a.p99_ms, b.p99_ms);
    return buf;
}

}  // namespace seckill::ui
