# Debian packages with CPack (scripts/package): one package per install component,
# seckill-node and seckill-console, version from project(), dependencies computed by
# dpkg-shlibdeps, maintainer scripts from packaging/deb/.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME seckill)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Seckill developers")
set(CPACK_PACKAGE_CONTACT "Seckill developers <seckill@example.org>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL node)
if(SECKILL_BUILD_CONSOLE)
  list(APPEND CPACK_COMPONENTS_ALL console)
endif()
# <name>_<version>_<arch>.deb, the names `apt install ./seckill-node_*.deb` expects.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://seckill.example.org/")
# Control files keep 0644/0755 whatever the checkout's umask made them.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

set(CPACK_DEBIAN_NODE_PACKAGE_NAME seckill-node)
set(CPACK_DEBIAN_NODE_PACKAGE_SECTION net)
# adduser: postinst creates the seckill system user.
set(CPACK_DEBIAN_NODE_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_NODE_PACKAGE_SUGGESTS "redis-server, nginx, prometheus")
set(CPACK_DEBIAN_NODE_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/deb/seckill-node/postinst
    ${PROJECT_SOURCE_DIR}/packaging/deb/seckill-node/prerm
    ${PROJECT_SOURCE_DIR}/packaging/deb/seckill-node/postrm
    ${PROJECT_SOURCE_DIR}/packaging/deb/seckill-node/conffiles)
set(CPACK_DEBIAN_NODE_DESCRIPTION
    "flash-sale engine node and load generator
seckill-node sells a limited stock to a crowd many times larger over HTTP,
never selling a unit twice: rate limits and degradation at the door, local
stock leases, group commit to an embedded or Redis ledger, orders in SQLite.
.
The package holds seckill-node, the seckill-load load generator, the
seckill-node@.service systemd unit (one instance per node id, settings in
/etc/seckill/ID.env), a Prometheus scrape config with alert rules, and the
nginx template the node fills in for a cluster.")

set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME seckill-console)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION net)
set(CPACK_DEBIAN_CONSOLE_DESCRIPTION
    "operations console for the Seckill flash-sale engine
A Qt 6 desktop console for a Seckill cluster: live dashboard of stock, buys,
latency and nodes, the sale's invariants checked live, and operator actions
(sales, degrade levels, limiter rules, rebalance, drain) written to an audit
log. It runs an embedded demo cluster or attaches to a Redis ledger.")

include(CPack)
