package dev.grounded.retrieval.internal.embedding;

import dev.grounded.retrieval.EmbeddingProperties;
import dev.grounded.retrieval.LegReading;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    EmbeddingModel embeddingModel() {
        return new BgeSmallEmbeddingModel();
    }

    /**
     * What the installation's embedding model reads: declared for the in-process default; another model (a test's
     * fake, an operator's) is taken to read every language alike.
     */
    @Bean
    LegReading legReading(EmbeddingModel model, EmbeddingProperties properties) {
        String name = model instanceof BgeSmallEmbeddingModel
                ? BgeSmallEmbeddingModel.NAME
                : model.getClass().getSimpleName();
        if (!properties.reads().isEmpty()) {
            return new LegReading(name, properties.reads());
        }
        return model instanceof BgeSmallEmbeddingModel
                ? LegReading.bgeSmallEnglish(name)
                : LegReading.everyLanguage(name);
    }
}
