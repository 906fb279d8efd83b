import Foundation
import SpeechAnalysis

/// An exercise for its teacher: the prompt, and each model recording with its waveform, a player and the
/// word boundaries the scorer will use, so the teacher can check the automatic ones (words_source `aligned`).
enum ExercisePage {
    struct Model {
        let index: Int
        let reference: ExerciseReference
        let samples: [Float]
        let sampleRateHz: Int
    }

    static func body(exercise: Exercise, models: [Model]) -> String {
        var html = "<h1>\(HTML.escape(exercise.title))</h1><p class=\"prompt\">\(HTML.escape(exercise.promptText))</p>"
        if models.isEmpty {
            html += "<p>No model recording: submissions are scored against synthetic voices reading the prompt.</p>"
        }
        for model in models {
            let source = switch model.reference.wordsSource {
            case "aligned": "found from the prompt text: please check them"
            case "teacher": "given with the recording"
            default: "none yet: they are found from the prompt at each analysis"
            }
            html += "<section><h2>Model recording \(model.index + 1)</h2>"
                + "<audio controls preload=\"none\" src=\"/api/v1/exercises/\(exercise.id)/references/\(model.index)\"></audio>"
                + "<p>Word boundaries: \(source).</p>"
                + WaveformChart.svg(samples: model.samples, sampleRateHz: model.sampleRateHz, words: model.reference.words ?? [])
            if let unplaced = model.reference.unplacedWords, !unplaced.isEmpty {
                html += "<p class=\"status error\">Not found in the recording: \(HTML.escape(unplaced.joined(separator: ", ")))</p>"
            }
            html += "</section>"
        }
        return html
    }
}
