#pragma once
// File ▸ Export sale report as PDF…: the post-sale report a trainer hands out and an ops
// lead files. Title (cluster, sale, time range, when made), the tiles' numbers, what each
// stage of a buy did, the charts, the invariants and the audit log over the sale's time.
// QPdfWriter (QtGui): no print module needed; text is real text, so pdftotext reads it.
#include <QImage>
#include <QString>
#include <utility>
#include <vector>

#include "audit/audit_entry.h"
#include "backend/cluster_snapshot.h"

namespace seckill::ui {

using ReportRows = std::vector<std::pair<QString, QString>>;  // (label, value)

struct PdfReport {
    QString cluster;
    QString sale;  // its id
    QString sale_name;
    Millis from = 0, to = 0;  // the stretch the charts and the audit excerpt cover
    Millis generated = 0;
    ReportRows tiles;  // total, paid, reserved, remaining, sold, state
    // "What each stage did": any (label, count) rows. Filled from the buy outcomes by band
    // today; per-stage pipeline counts slot in here when the nodes report them.
    ReportRows stages;
    std::vector<QImage> charts;
    struct Invariant {
        QString id, meaning, detail;
        bool ok = true;
    };
    std::vector<Invariant> invariants;
    std::vector<AuditEntry> audit;  // oldest first
};

// The parts a snapshot holds: sale, tiles, stage rows (summed over every node that
// reported), invariants. The caller adds cluster, range, charts and the audit excerpt.
PdfReport pdf_report_from(const ClusterSnapshot& snap);

// Writes the report (A4, portrait); returns an error sentence, or empty when it worked.
QString write_pdf_report(const PdfReport& report, const QString& path);

}  // namespace seckill::ui
