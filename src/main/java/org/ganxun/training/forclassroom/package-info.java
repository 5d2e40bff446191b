/**
 * What training offers the classroom alone (named interface {@code for-classroom}; the classroom declares
 * {@code training :: for-classroom}, other modules only {@code training}): the class row with its scope paths, read
 * and locked without a scope check of its own ({@link org.ganxun.training.forclassroom.ClassRows}), and the changes a
 * running class makes to training's records ({@link org.ganxun.training.forclassroom.ClassroomCommands}). The callers
 * check who may act on the class first.
 */
@org.springframework.modulith.NamedInterface("for-classroom")
package org.ganxun.training.forclassroom;
