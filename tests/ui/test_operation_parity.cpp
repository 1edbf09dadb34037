// The console and the admin API run the same operations (engine/node/operations): the
// same bad input is refused by both in the same sentence — the console's dialog and its
// audit log on one side, the HTTP answer on the other, against one embedded node.
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>
#include <fstream>

#include "console_fixture.h"
#include "dialogs/sale_dialog.h"
#include "loadrun/load_plan.h"
#include "models/audit_log_model.h"
#include "support/http_client.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;
namespace http = boost::beast::http;

class OperationParityTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void consoleAndApiRefuseAlike();
};

namespace {

std::string token_in(const QTemporaryDir& dir) {
    std::ifstream in(dir.filePath(QStringLiteral("data/admin-token")).toStdString());
    std::string token;
    std::getline(in, token);
    return token;
}

// The console's sentence for the latest failed `what` on `target`, or empty.
QString refusal_in(const AuditLogModel& model, const QString& what, const QString& target) {
    for (int r = model.rowCount() - 1; r >= 0; --r) {
        const ActionResult* e = model.entry(r);
        if (e->what == what && e->target == target && !e->ok) return e->message;
    }
    return {};
}

}  // namespace

void OperationParityTest::consoleAndApiRefuseAlike() {
    ConsoleFixture f(1);
    MainWindow& w = *f.window;
    SECKILL_WAIT_FOR(f.snapshot() && f.snapshot()->nodes_up() == 1, "the node up",
                     f.snapshot() ? std::to_string(f.snapshot()->nodes_up()) + " up"
                                  : std::string("no snapshot"),
                     10'000);
    const auto target = parse_target(f.snapshot()->nodes.at(0).info.address);
    QVERIFY(target);
    HttpClient api(target->port);
    const std::string token = token_in(f.dir);
    auto api_error = [&](http::verb verb, const std::string& path, const std::string& body) {
        const Reply r = api.request(verb, path, body, token);
        return r.status == 400
                   ? QString::fromStdString(std::string(r.json().at("error").as_string()))
                   : QString();
    };

    // A start in 2200, typed into the console's dialog: the dialog says why and keeps OK off.
    SaleDialog dialog;
    dialog.findChild<QLineEdit*>(QStringLiteral("id"))->setText(QStringLiteral("late"));
    dialog.findChild<QCheckBox*>(QStringLiteral("hasStart"))->setChecked(true);
    dialog.findChild<QDateTimeEdit*>(QStringLiteral("starts"))
        ->setDateTime(QDateTime(QDate(2200, 1, 1), QTime(0, 0), Qt::UTC));
    const QString dialog_says = dialog.findChild<QLabel*>(QStringLiteral("error"))->text();
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY2(dialog_says.contains(QStringLiteral("starts_at")), qPrintable(dialog_says));
    QCOMPARE(api_error(http::verb::post, "/admin/v1/sales",
                       R"({"sale":"late","total":1000,"starts_at":"2200-01-01T00:00:00Z"})"),
             dialog_says);

    // The same config sent past the dialog, through the console's backend: the same words.
    OperatorActions& act = *w.actions();
    QVERIFY(act.createSale(dialog.config(), false));
    SECKILL_WAIT_FOR(
        !refusal_in(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("late"))
             .isEmpty(),
        "the refused create of sale late in the audit",
        std::to_string(w.auditModel()->rowCount()) + " audit rows", 5000);
    QCOMPARE(refusal_in(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("late")),
             dialog_says);

    // A stock of 0, which the dialog's spin box cannot even hold.
    SaleConfig empty;
    empty.id = "empty";
    empty.total = 0;
    QVERIFY(act.createSale(empty, false));
    SECKILL_WAIT_FOR(
        !refusal_in(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("empty"))
             .isEmpty(),
        "the refused create of sale empty in the audit",
        std::to_string(w.auditModel()->rowCount()) + " audit rows", 5000);
    const QString console_says =
        refusal_in(*w.auditModel(), QStringLiteral("create sale"), QStringLiteral("empty"));
    QVERIFY2(console_says.contains(QStringLiteral("total")), qPrintable(console_says));
    QCOMPARE(api_error(http::verb::post, "/admin/v1/sales", R"({"sale":"empty","total":0})"),
             console_says);

    // A limiter rule document that is not JSON.
    QVERIFY(act.setLimits(QStringLiteral("{\"rules\": [")));
    SECKILL_WAIT_FOR(
        !refusal_in(*w.auditModel(), QStringLiteral("set limits"), QStringLiteral("all nodes"))
             .isEmpty(),
        "the refused set limits in the audit",
        std::to_string(w.auditModel()->rowCount()) + " audit rows", 5000);
    QCOMPARE(
        api_error(http::verb::put, "/admin/v1/limits", "{\"rules\": ["),
        refusal_in(*w.auditModel(), QStringLiteral("set limits"), QStringLiteral("all nodes")));

    // Neither side created anything.
    QVERIFY(!f.cluster().ledger().get_sale("late", SystemClock::instance().now_ms()));
    QVERIFY(!f.cluster().ledger().get_sale("empty", SystemClock::instance().now_ms()));
}

QTEST_MAIN(OperationParityTest)
#include "test_operation_parity.moc"
