#pragma once
// The node's files hold orders (who bought what) and the admin token: only the user the
// node runs as may read them. New files are made 0600 in 0700 directories by the umask;
// files and directories an earlier version or an operator made are tightened explicitly.
#include <string>
#include <vector>

namespace seckill::app {

// Sets the process umask to 077 (before any thread starts, so every later file inherits
// it), creates the data directory and the order DB's directory, and tightens an existing
// data directory this user owns to 0700.
// Returns what it tightened, for the start-up log.
std::vector<std::string> make_data_dirs_private(const std::string& data_dir,
                                                const std::string& db_file);

// chmod 0600 on each of `files` that exists (the DB's -wal and -shm too); what it changed.
std::vector<std::string> make_files_private(const std::vector<std::string>& files);

}  // namespace seckill::app
