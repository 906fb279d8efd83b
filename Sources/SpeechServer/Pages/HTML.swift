/// Escaping and the page shell shared by every page: one inline stylesheet, no scripts from elsewhere,
/// readable on a phone (fluid width, 16 px type, contrast >= 7:1 for text).
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number with `digits` decimals, for pages and SVG coordinates.
    static func number(_ value: Double, _ digits: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if digits == 0 { return String(Int(rounded)) }
        return String(rounded)
    }

    static func page(title: String, user: User?, body: String, script: String = "") -> String {
        let nav: String
        if let user {
            var links = [(String, String)]()
            if user.role == .student || user.role == .admin { links.append(("/practice", "Practice")) }
            if user.role == .teacher || user.role == .admin { links.append(("/classes", "Classes")) }
            nav = "<nav aria-label=\"Main\">" + links.map { "<a href=\"\($0.0)\">\($0.1)</a>" }.joined(separator: " ")
                + " <span class=\"who\">\(escape(user.name)) (\(user.role.rawValue))</span>"
                + " <form method=\"post\" action=\"/logout\" class=\"inline\"><button type=\"submit\">Sign out</button></form></nav>"
        } else {
            nav = ""
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Speakwell</title>
            <style>\(stylesheet)</style></head>
            <body><header><a class="brand" href="/">Speakwell</a> \(nav)</header>
            <main id="main">\(body)</main>
            \(script.isEmpty ? "" : "<script>\(script)</script>")
            </body></html>
            """
    }

    static let stylesheet = """
        :root{--ink:#111;--muted:#444;--bg:#fff;--line:#bbb;--ok:#0a6b2d;--warn:#8a5300;--bad:#a01010;--accent:#1747a6}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--ink);background:var(--bg)}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid var(--line)}
        header nav{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}.brand{font-weight:700;color:var(--ink);text-decoration:none}
        .who{color:var(--muted)}main{max-width:60rem;margin:0 auto;padding:1rem}a{color:var(--accent)}
        h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
        button,select,input{font:inherit;padding:.5rem .75rem;border:1px solid #555;border-radius:.4rem;background:#f4f4f4;color:var(--ink)}
        button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}button:disabled{opacity:.55}
        label{display:block;font-weight:600;margin:.5rem 0 .25rem}.inline{display:inline}
        .prompt{font-size:1.25rem;padding:.75rem;border-left:4px solid var(--accent);background:#f3f6fc}
        .scores{display:flex;flex-wrap:wrap;gap:.5rem}.score{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem;min-width:7rem}
        .score b{display:block;font-size:1.5rem}.w-ok{color:var(--ok)}.w-mispronounced{color:var(--bad);text-decoration:underline wavy}
        .w-omitted{color:var(--muted);text-decoration:line-through}.w-inserted{color:var(--warn);font-style:italic}
        .words span{margin-right:.3rem;font-size:1.2rem}svg{width:100%;height:auto;display:block;border:1px solid var(--line);background:#fff}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
        th button{border:0;background:none;padding:0;font-weight:700;cursor:pointer}.tips li{margin:.25rem 0}
        .status{min-height:1.5rem;font-weight:600}.error{color:var(--bad)}.note{color:var(--muted)}
        @media (max-width:40rem){main{padding:.5rem}.hide-narrow{display:none}}
        """
}
