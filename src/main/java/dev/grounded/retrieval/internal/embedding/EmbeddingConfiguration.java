package dev.grounded.retrieval.internal.embedding;

import dev.grounded.retrieval.ChunkEmbedder;
import dev.grounded.retrieval.EmbeddingProperties;
import dev.grounded.retrieval.LegReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    EmbeddingModel embeddingModel(EmbeddingProperties properties) {
        if (properties.remote()) {
            log.info(
                    "Embedding model {} ({} dimensions) at {}",
                    properties.model(),
                    properties.dimensions(),
                    properties.baseUrl() == null ? "OpenAI" : properties.baseUrl());
            return new RemoteEmbeddingModel(properties);
        }
        return new BgeSmallEmbeddingModel();
    }

    /**
     * What the installation's embedding model reads: declared for the in-process default; another model (a test's
     * fake, an operator's) is taken to read every language alike.
     */
    @Bean
    LegReading legReading(EmbeddingModel model, EmbeddingProperties properties) {
        String name = ChunkEmbedder.name(model);
        if (!properties.reads().isEmpty()) {
            return new LegReading(name, properties.reads());
        }
        return model instanceof BgeSmallEmbeddingModel
                ? LegReading.bgeSmallEnglish(name)
                : LegReading.everyLanguage(name);
    }
}
