package dev.grounded.llm;

/** How a chat provider is spoken to. */
public enum ProviderType {
    /** OpenAI's API. */
    OPENAI,
    /** Any server that speaks OpenAI's chat completions API: Gemini, Groq, Ollama, vLLM, llama.cpp server. */
    OPENAI_COMPATIBLE,
    /** Anthropic's Messages API (Claude). */
    ANTHROPIC
}
