// I7 (lease agreement) and I8 (no undersell) as an operator reads them, over real HTTP
// from GET /admin/v1/sales/{sale}/invariants, with the node's heartbeats carrying what it
// saw. Staged wrong states: the ledger takes a node's lease behind its back (as a reclaim
// would), and a node answers sold_out with units in its lease.
#include <QtTest>
#include <limits>

#include "node/lease_agreement.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;
namespace json = boost::json;

namespace {

node::EngineOptions quick_heartbeats() {
    node::EngineOptions o;
    o.heartbeat_ms = 30;  // I7 needs two heartbeats; keep the waits short
    return o;
}

}  // namespace

class SaleInvariants : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void init() {
        node_ = std::make_unique<NodeFixture>(node::http::ServerOptions{}, quick_heartbeats());
    }
    void cleanup() { node_.reset(); }

    void i7ReportsOnlyADisagreementThatHeldStill();
    void i7RedWhileTheLedgerDisagreesWithTheNode();
    void i8RedWhenSoldOutIsAnsweredWithUnitsInTheLease();
    void i8StaysGreenThroughASellOutWithCancellations();

  private:
    Reply admin(verb m, const std::string& target, const std::string& body = {}) {
        return node_->client().request(m, target, body, NodeFixture::token);
    }
    Reply buy(const std::string& sale, const std::string& user) {
        return node_->client().request(verb::post, "/v1/sales/" + sale + "/buy?user=" + user);
    }
    void create_and_start(const std::string& id, int total);
    // The check `id` of the sale's report: {ok, detail}.
    std::pair<bool, std::string> check(const std::string& sale, const std::string& id);
    // Waits until check `id` is `ok` (and its detail is `detail`, when given); on failure
    // says what it waited for and what it last saw.
    bool wait_for(const std::string& sale, const std::string& id, bool ok,
                  const std::string& detail, std::string& last);
    // The node's buys.sold_out as its last heartbeat reported it.
    std::int64_t reported_sold_out();

    std::unique_ptr<NodeFixture> node_;
};

// Defined outside the class: moc misreads raw string literals inside a Q_OBJECT body.
void SaleInvariants::create_and_start(const std::string& id, int total) {
    const std::string body = R"({"sale":")" + id + R"(","name":"Test","total":)" +
                             std::to_string(total) + R"(,"pay_timeout_s":600})";
    QCOMPARE(admin(verb::post, "/admin/v1/sales", body).status, 201);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/" + id + "/start").status, 200);
}

std::pair<bool, std::string> SaleInvariants::check(const std::string& sale, const std::string& id) {
    const auto r = admin(verb::get, "/admin/v1/sales/" + sale + "/invariants");
    if (r.status != 200) return {false, "HTTP " + std::to_string(r.status)};
    const json::value doc = r.json();  // kept alive while its array is walked
    for (const auto& c : doc.at("checks").as_array())
        if (c.at("id").as_string() == id)
            return {c.at("ok").as_bool(), std::string(c.at("detail").as_string())};
    return {false, "(no " + id + " in the report)"};
}

bool SaleInvariants::wait_for(const std::string& sale, const std::string& id, bool ok,
                              const std::string& detail, std::string& last) {
    const bool met = eventually([&] {
        const auto [is_ok, text] = check(sale, id);
        last = id + " was " + (is_ok ? "green" : "red") + ": " + text + " (waited for " +
               (ok ? "green" : "red") + (detail.empty() ? "" : ": " + detail) + ")";
        return is_ok == ok && (detail.empty() || text == detail);
    });
    return met;
}

std::int64_t SaleInvariants::reported_sold_out() {
    for (const auto& n : node_->ledger.list_nodes(node_->clock.now_ms(), 60'000)) {
        if (n.id != "n1" || n.stats_json.empty()) continue;
        const auto stats = json::parse(n.stats_json).as_object();
        return stats.at("buys").as_object().at("sold_out").to_number<std::int64_t>();
    }
    return -1;
}

void SaleInvariants::i7ReportsOnlyADisagreementThatHeldStill() {
    // The rule without a node: a difference that moves between heartbeats is units in
    // flight; the same difference twice in a row is reported; agreement clears it.
    node::LeaseAgreement a;
    using Units = std::map<std::string, std::int64_t>;
    QVERIFY(a.observe(Units{{"s", 5}}, Units{{"s", 6}}).empty());
    QVERIFY(a.observe(Units{{"s", 4}}, Units{{"s", 5}}).empty());
    const auto held = a.observe(Units{{"s", 4}}, Units{{"s", 5}});
    QCOMPARE(held.size(), std::size_t(1));
    QCOMPARE(held.at("s").local, std::int64_t(4));
    QCOMPARE(held.at("s").ledger, std::int64_t(5));
    QVERIFY(a.observe(Units{{"s", 5}}, Units{{"s", 5}}).empty());
    // A record for a sale the node does not hold counts as 0 units locally.
    QVERIFY(a.observe(Units{}, Units{{"t", 3}}).empty());
    QCOMPARE(a.observe(Units{}, Units{{"t", 3}}).at("t").ledger, std::int64_t(3));
}

void SaleInvariants::i7RedWhileTheLedgerDisagreesWithTheNode() {
    create_and_start("s", 100);
    QCOMPARE(buy("s", "a").status, 201);
    const std::int64_t held = node_->engine->sales().find("s")->lease.available();
    QVERIFY(held > 0);
    std::string last;
    QVERIFY2(wait_for("s", "I7", true, "1 live nodes agree with the ledger on their leases", last),
             last.c_str());

    // A reclaim behind the node's back: the ledger's record drops to 0, the node still
    // counts its units. Two heartbeats later the node reports it and I7 turns red.
    node_->ledger.return_lease("s", "n1", std::numeric_limits<std::int64_t>::max());
    QVERIFY2(
        wait_for("s", "I7", false, "n1 holds " + std::to_string(held) + ", ledger records 0", last),
        last.c_str());

    // The next buy finds no lease at the ledger and resynchronises: they agree again.
    buy("s", "b");
    QVERIFY2(wait_for("s", "I7", true, "", last), last.c_str());
}

void SaleInvariants::i8RedWhenSoldOutIsAnsweredWithUnitsInTheLease() {
    create_and_start("s", 100);
    QCOMPARE(buy("s", "a").status, 201);
    node::SaleSlot* slot = node_->engine->sales().find("s");
    QVERIFY(slot->lease.available() > 0);
    std::string last;
    QVERIFY2(wait_for("s", "I8", true, "0 sold_out answers while the node held units", last),
             last.c_str());

    // A node that flags the sale sold out while its lease holds units (the bug I8 is for).
    // The housekeeper clears such a flag within a tick, so stage it until a buyer meets it.
    int n = 0;
    Reply met;
    SECKILL_WAIT_FOR(
        (slot->lease.set_sold_out(true), (met = buy("s", "u" + std::to_string(++n))).status == 410),
        "a buyer to meet the staged sold-out flag", met.describe(), 5000);
    QVERIFY2(wait_for("s", "I8", false, "1 sold_out answers while the node held units", last),
             last.c_str());
}

void SaleInvariants::i8StaysGreenThroughASellOutWithCancellations() {
    create_and_start("s", 5);
    std::vector<std::string> orders;
    for (int i = 0; i < 5; ++i) {
        const Reply r = buy("s", "u" + std::to_string(i));
        QCOMPARE(r.status, 201);
        orders.push_back(r.json().at("order_id").as_string().c_str());
    }
    QCOMPARE(buy("s", "late0").status, 410);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(node_->client()
                     .request(verb::post,
                              "/v1/orders/" + orders[i] + "/cancel?user=u" + std::to_string(i))
                     .status,
                 200);
    // The cancelled units come back; late buyers take them, then it is sold out again.
    int sold = 0, refused = 1, n = 0;
    const auto take = [&] {
        const int status = buy("s", "late" + std::to_string(++n)).status;
        if (status == 201) ++sold;
        if (status == 410) ++refused;
        return sold == 2;
    };
    SECKILL_WAIT_FOR(take(), "late buyers to take the two cancelled units",
                     std::to_string(sold) + " sold, " + std::to_string(refused) + " refused", 5000);
    QCOMPARE(buy("s", "later").status, 410);
    ++refused;

    // Once a heartbeat carries every refusal, the report judges all of them.
    std::int64_t seen = -1;
    QVERIFY2(eventually([&] { return (seen = reported_sold_out()) >= refused; }),
             qPrintable(
                 QStringLiteral("waited for a heartbeat reporting %1 sold_out answers; last saw %2")
                     .arg(refused)
                     .arg(seen)));
    std::string last;
    QVERIFY2(wait_for("s", "I8", true, "0 sold_out answers while the node held units", last),
             last.c_str());
    QVERIFY2(wait_for("s", "I7", true, "", last), last.c_str());
    const auto all = admin(verb::get, "/admin/v1/sales/s/invariants").json();
    QVERIFY2(all.at("ok").as_bool(), json::serialize(all).c_str());
    // The full recount agrees: 3 reserved + 2 re-sold, 7 order records.
    const auto audit = admin(verb::get, "/admin/v1/sales/s/audit").json();
    QVERIFY2(audit.at("ok").as_bool(), json::serialize(audit).c_str());
    QCOMPARE(audit.at("checks").as_array()[2].at("detail").as_string(),
             "7 order records, counter 7");
    QCOMPARE(admin(verb::get, "/admin/v1/sales/none/audit").status, 404);
}

QTEST_GUILESS_MAIN(SaleInvariants)
#include "test_sale_invariants.moc"
