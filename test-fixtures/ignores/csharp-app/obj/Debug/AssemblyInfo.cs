class AssemblyInfo {}
