#pragma once
// Lets QCOMPARE print a Decision when two differ (found by argument-dependent lookup).
#include <QtTest>

#include "limit/decision.h"

namespace seckill::limit {

inline char* toString(const Decision& decision) {
    QByteArray text =
        decision.allowed
            ? "allowed, delay " + QByteArray::number(decision.delay_ms) + " ms"
            : "rejected, retry after " + QByteArray::number(decision.retry_after_ms) + " ms";
    return qstrdup(text.constData());
}

}  // namespace seckill::limit
