from markupsafe import escape


class ReportService:
    def render(self, name):
        return self.write_file(self.title(name))

    def title(self, name):
        return "report-" + name

    def write_file(self, title):
        with open("/srv/reports/" + title) as handle:  # drift-expect: flow file_path
            return handle.read()
