/// The student's page: pick an exercise, hear the model, record, upload, see the feedback.
///
/// Recording captures raw PCM with the Web Audio API (a ScriptProcessor node: available in every
/// browser, old ones included), downsamples it to 16 kHz mono in the page and uploads a 16-bit WAV
/// (32 kB per second, so 20 s is 640 kB). MediaRecorder is not used: Chromium records WebM/Opus,
/// which libsndfile cannot read.
enum PracticePage {
    static func body(exercises: [Exercise], selected: Exercise?, history: [Submission], uploadLimitBytes: Int) -> String {
        guard let selected else {
            return "<h1>Practice</h1><p>No exercises yet: ask your teacher to add one.</p>"
        }
        let options = exercises.map {
            "<option value=\"\($0.id)\"\($0.id == selected.id ? " selected" : "")>\(HTML.escape($0.title))</option>"
        }.joined()
        var html = """
            <h1>Practice</h1>
            <form method="get" action="/practice">
            <label for="exercise">Exercise</label>
            <select id="exercise" name="exercise" onchange="this.form.submit()">\(options)</select>
            <noscript><button type="submit">Open</button></noscript>
            </form>
            <h2>\(HTML.escape(selected.title))</h2>
            <p class="prompt" id="prompt">\(HTML.escape(selected.promptText))</p>
            """
        if !selected.references.isEmpty {
            html += "<label for=\"model\">Listen to the model</label>"
                + "<audio id=\"model\" controls preload=\"none\" src=\"/api/v1/exercises/\(selected.id)/references/0\"></audio>"
        }
        html += """
            <h2>Your turn</h2>
            <div id="recorder" data-exercise="\(selected.id)" data-max-seconds="60">
            <button id="record" class="primary" type="button">Record</button>
            <button id="stop" type="button" disabled>Stop and send</button>
            <p id="status" class="status" role="status" aria-live="polite">Press Record, read the sentence, then Stop.</p>
            </div>
            <div id="result"></div>
            """
        if !history.isEmpty {
            html += "<h2>Earlier attempts</h2><ul>" + history.map {
                "<li><a href=\"/submissions/\($0.id)/report\">\($0.createdAt.formatted(.iso8601))</a></li>"
            }.joined() + "</ul>"
        }
        return html
    }

    static let script = #"""
        (function () {
          var box = document.getElementById('recorder');
          if (!box) return;
          var recordButton = document.getElementById('record'), stopButton = document.getElementById('stop');
          var status = document.getElementById('status'), result = document.getElementById('result');
          var exercise = box.dataset.exercise, maxSeconds = +box.dataset.maxSeconds;
          var context, source, node, stream, chunks, timer;
          function say(text, isError) { status.textContent = text; status.className = 'status' + (isError ? ' error' : ''); }
          recordButton.onclick = async function () {
            try {
              stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
            } catch (e) { say('The microphone is not available: ' + e.message, true); return; }
            context = new (window.AudioContext || window.webkitAudioContext)();
            chunks = [];
            source = context.createMediaStreamSource(stream);
            node = context.createScriptProcessor(4096, 1, 1);
            node.onaudioprocess = function (e) { chunks.push(new Float32Array(e.inputBuffer.getChannelData(0))); };
            source.connect(node); node.connect(context.destination);
            recordButton.disabled = true; stopButton.disabled = false; result.innerHTML = '';
            say('Recording… read the sentence now.');
            timer = setTimeout(finish, maxSeconds * 1000);
          };
          stopButton.onclick = finish;
          async function finish() {
            clearTimeout(timer);
            if (!node) return;
            node.disconnect(); source.disconnect(); stream.getTracks().forEach(function (t) { t.stop(); });
            var rate = context.sampleRate; await context.close(); node = null;
            stopButton.disabled = true; recordButton.disabled = false;
            await upload(wav(downsample(join(chunks), rate, 16000), 16000));
          }
          function join(parts) {
            var n = 0; parts.forEach(function (p) { n += p.length; });
            var out = new Float32Array(n), at = 0;
            parts.forEach(function (p) { out.set(p, at); at += p.length; });
            return out;
          }
          // Box-filter decimation: each output sample averages the input samples it covers.
          function downsample(input, fromRate, toRate) {
            if (fromRate === toRate) return input;
            var ratio = fromRate / toRate, out = new Float32Array(Math.floor(input.length / ratio));
            for (var i = 0; i < out.length; i++) {
              var a = Math.floor(i * ratio), b = Math.min(input.length, Math.floor((i + 1) * ratio)), sum = 0;
              for (var j = a; j < b; j++) sum += input[j];
              out[i] = b > a ? sum / (b - a) : 0;
            }
            return out;
          }
          function wav(samples, rate) {
            var buffer = new ArrayBuffer(44 + samples.length * 2), v = new DataView(buffer);
            function text(at, s) { for (var i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i)); }
            text(0, 'RIFF'); v.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
            v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true); v.setUint32(24, rate, true);
            v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true); text(36, 'data');
            v.setUint32(40, samples.length * 2, true);
            for (var i = 0; i < samples.length; i++) {
              var s = Math.max(-1, Math.min(1, samples[i])); v.setInt16(44 + i * 2, s < 0 ? s * 32768 : s * 32767, true);
            }
            return new Blob([buffer], { type: 'audio/wav' });
          }
          async function upload(blob) {
            say('Sending ' + Math.round(blob.size / 1024) + ' kB…');
            var key = Date.now().toString(36) + Math.random().toString(36).slice(2);
            try {
              var response = await fetch('/api/v1/exercises/' + exercise + '/submissions', {
                method: 'POST', body: blob, credentials: 'same-origin',
                headers: { 'Content-Type': 'audio/wav', 'Idempotency-Key': key } });
              var body = await response.json();
              if (response.status !== 202) { say(body.error ? body.error.message : 'Sending failed.', true); return; }
              say('Analysing…');
              await follow(body.id);
            } catch (e) { say('Sending failed: ' + e.message, true); }
          }
          async function follow(id) {
            for (var i = 0; i < 30; i++) {
              var response = await fetch('/api/v1/submissions/' + id + '/result?wait=10', { credentials: 'same-origin' });
              if (response.status === 200) {
                var fragment = await fetch('/submissions/' + id + '/feedback', { credentials: 'same-origin' });
                result.innerHTML = await fragment.text() + '<p><a href="/submissions/' + id + '/report">Full report</a></p>';
                say('Done: here is your feedback.');
                return;
              }
              if (response.status !== 202) { var body = await response.json(); say(body.error.message, true); return; }
            }
            say('The analysis is taking long; your recording is saved, look again later.', true);
          }
        })();
        """#
}
