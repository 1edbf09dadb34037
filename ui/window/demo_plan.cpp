#include "window/demo_plan.h"

#include <QObject>

namespace seckill::ui {

QString DemoPlan::default_name() { return QObject::tr("1,000 units, 50,000 buyers in a spike"); }

load::LoadOptions DemoPlan::default_load() {
    load::LoadOptions o;
    o.users = 50'000;
    o.profile = load::Profile::spike;
    o.rate = 2000;  // the spike opens at five times this
    o.duration_s = 30;
    o.connections = 24;
    o.pay_share = 0.3;
    o.cancel_share = 0.1;
    return o;
}

std::vector<DemoPreset> demo_presets() {
    std::vector<DemoPreset> out;
    out.push_back(
        {DemoPlan::default_name(),
         QObject::tr(
             "The opening rush: the lease and group commit sell 1,000 units in seconds, then "
             "the sold-out flag answers everyone else without a ledger call."),
         DemoPlan{}});
    DemoPlan slow;
    slow.name = QObject::tr("slow motion: 50 units, 5 buys/s");
    slow.stock = 50;
    slow.pay_timeout_s = 20;
    slow.load.users = 500;
    slow.load.profile = load::Profile::constant;
    slow.load.rate = 5;
    slow.load.duration_s = 20;
    slow.load.connections = 3;
    slow.load.pay_share = 0.5;
    slow.load.cancel_share = 0.2;
    slow.load.pay_delay_ms = 2000;  // slow enough to watch a reservation wait for payment
    out.push_back(
        {slow.name,
         QObject::tr(
             "One buy at a time: watch each stage count up, a reservation wait for payment, "
             "and the last units sell out."),
         slow});
    DemoPlan ledger;
    ledger.name = QObject::tr("what if every buy went to the ledger");
    ledger.commit_batch = 1;
    out.push_back(
        {ledger.name,
         QObject::tr("The spike again with group commit off (one ledger call per buy): compare the "
                     "ledger calls per second with the first preset's."),
         ledger});
    return out;
}

}  // namespace seckill::ui
