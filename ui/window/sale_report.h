#pragma once
// The selected sale as CSV: the sale's numbers, each node's state and the invariants, in
// one section per kind so a spreadsheet opens it as it is.
#include <QString>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

QString sale_report_csv(const ClusterSnapshot& snap);
// Writes the report; returns an error sentence, or an empty string when it worked.
QString write_sale_report(const ClusterSnapshot& snap, const QString& path);

}  // namespace seckill::ui
