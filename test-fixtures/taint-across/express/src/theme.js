function currentTheme() {
  return process.env.THEME || 'light';
}

module.exports = { currentTheme };
