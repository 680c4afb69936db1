exports.main = function main() {};
