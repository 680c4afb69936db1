const { exec, execSync } = require('child_process');

function runTool(tool) {
  return execSync(`/usr/local/bin/${tool} --version`); // drift-expect: flow os_command
}

function runFixed(command) {
  exec(command);
}

module.exports = { runTool, runFixed };
