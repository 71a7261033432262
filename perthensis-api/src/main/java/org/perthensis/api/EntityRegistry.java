package org.perthensis.api;

import java.util.ArrayList;
import java.util.List;

/** The registry behind {@link Entities#of(TaskEnvironment)}. */
final class EntityRegistry implements Entities {

    private final List<Entity> entities = new ArrayList<>();

    @Override
    public synchronized void add(Entity entity) {
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            if (e.task().equals(entity.task()) && e.id().equals(entity.id())) {
                entities.set(i, entity);
                return;
            }
        }
        entities.add(entity);
    }

    @Override
    public synchronized List<Entity> all() {
        return List.copyOf(entities);
    }
}
