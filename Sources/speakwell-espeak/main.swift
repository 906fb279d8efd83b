// speakwell-espeak: renders one utterance with espeak-ng and exits. Speakwell runs it once per utterance
// (SynthesisProcess) so that every utterance starts from espeak-ng's initial state.
//
// Usage: speakwell-espeak REQUEST_JSON   (SynthesisRequest: text, voice, phonemeInput)
// Standard output: the audio and word events (RenderedAudio.encoded()). On failure: exit status 3 and the
// error's code and message on standard error, or status 2 for a malformed call.
import Foundation
import SpeechSynthesis

let arguments = CommandLine.arguments
guard arguments.count == 2, let request = try? JSONDecoder().decode(SynthesisRequest.self, from: Data(arguments[1].utf8)) else {
    FileHandle.standardError.write(Data("usage: speakwell-espeak REQUEST_JSON (run by Speakwell, not by hand)\n".utf8))
    exit(2)
}
do {
    let bytes = try EspeakEngine.render(request).encoded()
    FileHandle.standardOutput.write(Data(bytes))
    exit(0)
} catch {
    FileHandle.standardError.write(Data(error.helperReport.utf8))
    exit(SynthesisProcess.reportedErrorStatus)
}
