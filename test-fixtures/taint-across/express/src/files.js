const path = require('path');

function sendReport(res, name) {
  res.sendFile(path.join('/srv/reports', name)); // drift-expect: flow file_path
}

function back(res, to) {
  res.redirect(to); // drift-expect: flow http_redirect
}

function home(res) {
  res.redirect('/');
}

module.exports = { sendReport, back, home };
