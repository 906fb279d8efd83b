enum SignInPage {
    static func body(error: String?) -> String {
        """
        <h1>Sign in</h1>
        <p>Paste the token your teacher or administrator gave you.</p>
        \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
        <form method="post" action="/login">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" required size="40">
        <p><button class="primary" type="submit">Sign in</button></p>
        </form>
        """
    }
}
