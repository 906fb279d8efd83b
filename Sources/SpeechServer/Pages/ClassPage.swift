/// A class overview for its teacher: one row per submission, sortable by any column, filterable by
/// text, with a CSV export and a link to each report.
enum ClassPage {
    static func body(schoolClass: SchoolClass, rows: [SubmissionSummary], exercises: [Exercise] = []) -> String {
        func cell(_ value: Double?, _ digits: Int = 1) -> String {
            value.map { "<td data-sort=\"\($0)\">\(HTML.number($0, digits))</td>" } ?? "<td data-sort=\"-1\">–</td>"
        }
        let header = ["Student", "Exercise", "When", "State", "Overall", "Speech rate", "Pauses", "Report"]
        var html = """
            <h1>\(HTML.escape(schoolClass.name))</h1>
            <p><a id="csv" href="/api/v1/classes/\(schoolClass.id)/submissions.csv" download>Export CSV</a></p>
            <label for="filter">Filter</label><input id="filter" type="search" placeholder="student, exercise or state">
            <table id="overview"><thead><tr>
            """
        html += header.enumerated().map { index, name in
            index == header.count - 1 ? "<th>\(name)</th>" : "<th><button type=\"button\" data-column=\"\(index)\">\(name)</button></th>"
        }.joined()
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr><td>\(HTML.escape(row.studentName))</td><td>\(HTML.escape(row.exerciseTitle))</td>"
                + "<td data-sort=\"\(row.createdAt.timeIntervalSince1970)\">\(row.createdAt.formatted(.iso8601))</td>"
                + "<td>\(HTML.escape(row.state))</td>" + cell(row.overall, 0) + cell(row.speechRate)
                + "<td data-sort=\"\(row.pauseCount ?? -1)\">\(row.pauseCount.map(String.init) ?? "–")</td>"
                + "<td><a href=\"/submissions/\(row.submissionID)/report\">report</a></td></tr>"
        }
        html += "</tbody></table>"
        if rows.isEmpty { html += "<p>No submissions yet.</p>" }
        if !exercises.isEmpty {
            html += "<h2>Exercises</h2><ul>" + exercises.map {
                "<li><a href=\"/exercises/\($0.id)\">\(HTML.escape($0.title))</a></li>"
            }.joined() + "</ul>"
        }
        return html
    }

    static let script = #"""
        (function () {
          var table = document.getElementById('overview'), body = table.tBodies[0];
          document.getElementById('filter').oninput = function () {
            var q = this.value.toLowerCase();
            Array.prototype.forEach.call(body.rows, function (r) { r.hidden = q && r.textContent.toLowerCase().indexOf(q) < 0; });
          };
          table.querySelectorAll('th button').forEach(function (button) {
            button.onclick = function () {
              var c = +button.dataset.column, up = button.dataset.dir !== 'up'; button.dataset.dir = up ? 'up' : 'down';
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[c], y = b.cells[c], p = x.dataset.sort, q = y.dataset.sort;
                var d = p !== undefined ? (+p) - (+q) : x.textContent.localeCompare(y.textContent);
                return up ? d : -d;
              });
              rows.forEach(function (r) { body.appendChild(r); });
            };
          });
        })();
        """#
}
